"""xxgk-audit: a compliance linter for 政府信息公开工作年度报告."""

__version__ = "0.1.0"
# Where the project lives: SARIF's informationUri and each rule's helpUri (docs/rules.md, one
# anchor per rule) point here. Change it with setup.cfg's ``url`` when the repository moves.
__url__ = "https://github.com/xxgk-audit/xxgk-audit"
