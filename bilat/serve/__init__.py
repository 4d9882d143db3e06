"""``bilat serve``: one graph for a whole team over HTTP, built on the same library functions as the
command line (``bilat.api``).

``app`` assembles the ASGI application (starlette); ``sparql`` is the SPARQL 1.1 Protocol endpoint,
``answers`` and ``negotiation`` its result formats; ``pages``, ``country``, ``pair``, ``query_page``
and ``resources`` the pages for people, drawn by ``html``; ``writes`` the token-guarded updates and
loads; ``limits`` bounded bodies; ``state`` the store, its gate and caches; ``server`` runs uvicorn.
"""
