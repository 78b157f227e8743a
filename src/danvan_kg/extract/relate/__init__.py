"""Relations between the entities of one document: the rule table (:mod:`.rules`), what rules read
(:mod:`.context`) and the runner (:mod:`.run`)."""
