"""The explorer: the graph for people who don't write SPARQL, served by ``kg serve`` under
``/explore`` beside the SPARQL endpoint.

Search with suggestions as one types (entities by name and alias, articles by title,
relations by code), a page per entity (who it is, its statements grouped by relation and
counterpart with their evidence, its quotations, its events by month, its neighbourhood),
a page per pair of entities, lists of statements, and the article view: the article's
sentences with every statement marked in place and listed beside them. Every page has its
own URL and a JSON twin (``Accept: application/json``).

One concept a module: :mod:`~kg.explorer.paths` (URLs and IRIs), :mod:`~kg.explorer.rq`
(the ``.rq`` files in ``queries/`` and their holes), :mod:`~kg.explorer.pooled` (the store
through the endpoint's workers), :mod:`~kg.explorer.search` (the index and its matching),
:mod:`~kg.explorer.statements` (statements and their lists), :mod:`~kg.explorer.profile`
(what an entity's page counts, from one pass over its statements),
:mod:`~kg.explorer.timeline`
(events by month and quad class), :mod:`~kg.explorer.spans` (where a statement's parts
stand in its sentence), :mod:`~kg.explorer.entity` (entity and pair pages),
:mod:`~kg.explorer.article` (the article view), :mod:`~kg.explorer.network` (the
neighbourhood, drawn by :mod:`kg.viz`) and :mod:`~kg.explorer.app` (URL → page, HTML or
JSON). The page itself is ``assets/explorer.html`` and ``explorer.css``, drawn by the ES
modules ``assets/*.js`` (``explorer.js`` starts them).
"""
