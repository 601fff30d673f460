"""Event data out: kg's asserted events in the formats of the event-data community.

One module, one concept:

* :mod:`kg.eventdata.scores`: PLOVER's quad classes, scores and CAMEO codes (derived data);
* :mod:`kg.eventdata.identifiers`: country and organisation codes and Wikidata identifiers;
* :mod:`kg.eventdata.events`: the asserted events of a store as flat records;
* :mod:`kg.eventdata.plover`: PLOVER 2.0 JSON records (``kg export --format plover``);
* :mod:`kg.eventdata.tables`: POLECAT, ICEWS, GDELT 2.0 and TKG quadruple tables;
* :mod:`kg.eventdata.timeline`: cooperation–conflict time series per dyad, and pictures.
"""
