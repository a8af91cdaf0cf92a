"""Records -> canonical records: criterion codes, agency roles, deadlines and targets.

`normalize` reads no files but its own code list (normalize/codes/*.csv, see `codelist`) and
never imports `extract` or `pipeline` (one-way flow, DESIGN.md).
"""

from normalize.agencies import find_roles, lead_role
from normalize.agency_mentions import AgencyMention, agency_mentions, split_agencies
from normalize.codelist import CodeList, Concept, load_codelist
from normalize.criteria import CriterionMatch, field_of_title, match_rows, match_text
from normalize.deadlines import parse_deadline
from normalize.targets import find_targets, metric_for

__all__ = [
    "AgencyMention",
    "agency_mentions",
    "CodeList",
    "Concept",
    "CriterionMatch",
    "field_of_title",
    "find_roles",
    "find_targets",
    "lead_role",
    "load_codelist",
    "match_rows",
    "match_text",
    "metric_for",
    "parse_deadline",
    "split_agencies",
]
