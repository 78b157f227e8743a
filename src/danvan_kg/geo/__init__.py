"""Where things happen: points of the administrative units, places' points in the graph,
approximate province outlines and distances, all from the offline ``vietnamadminunits`` data.

``units`` reads the package's points; ``points`` writes them as GeoSPARQL and WGS84 triples;
``outlines`` draws the country and the 2020 and 2025 provinces from those points; ``distance``
measures kilometres; ``near`` answers the ``near`` question; ``facts`` gathers what the map
shows.
"""
