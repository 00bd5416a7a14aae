"""The public functions with their defaults filled: what ``danvan`` re-exports to its users.

The services below take the catalogue, the unit registry, the rules and the
plugin manager as arguments; each room here fills them from the plugins when
the caller gives none. ``_loading`` holds the loading functions; the other
rooms join it as the services lose their defaults.
"""
