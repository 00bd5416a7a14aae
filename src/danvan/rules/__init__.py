"""Validation: the rule contract (``base``), running rules (``_validate``), the built-in rules.

``validate`` runs the rules it is given over one ``ValidationContext`` and
returns a ``ValidationReport``; ``danvan.validate`` gives it every registered
rule. The built-in rules live one family per module (``activities``, ``figures``,
``hierarchy``, ``references``, ``successions``, ``teams``, ``text``) and are
registered as a plugin by ``builtin``; ``reference`` writes their reference
page.
"""

from __future__ import annotations

from danvan.rules._validate import run_rule, validate
from danvan.rules.base import Rule, ValidationContext, rule

__all__ = [
    "Rule",
    "ValidationContext",
    "rule",
    "run_rule",
    "validate",
]
