"""Records become factor encodings: one module per feature, registered, built by `build_model`.

- `encoding.py`: array types, category codes, item sets and the matrix columns of a factor;
- `factors.py`: the kinds of factor (table, overlap, text, equality, ...) and their exact and
  matrix forms; `constraints.py`: the kinds of hard rule; `exclusions.py`: the program's
  excluded pairs (blocks, reporting line, earlier partners);
- `registry.py`: how a feature module registers its builder and its reason;
- `model.py`: `FeatureModel` and `build_model`, which builds every registered feature;
- one module per feature: `skills`, `goals`, `focus_areas`, `industry`, `organisation`,
  `job_function`, `experience`, `working_hours` (factor "timezone"), `meeting_format`,
  `mentor_time` (factor "time"), `passion`, `feedback`, `questionnaire`, and the rule
  `languages`.

Importing this package registers every feature; the names below keep the import paths that
callers used when this was one module.
"""

from __future__ import annotations

# Each feature module registers itself when imported; the order of factors comes from Weights.
from mentora.engine.features import (
    experience,
    feedback,
    focus_areas,
    goals,
    industry,
    job_function,
    languages,
    meeting_format,
    mentor_time,
    organisation,
    passion,
    questionnaire,
    skills,
    working_hours,
)
from mentora.engine.features.constraints import (
    OrganisationConstraint,
    Rule,
    SetConstraint,
    TableConstraint,
)
from mentora.engine.features.encoding import (
    NEUTRAL,
    BoolArray,
    ClippedProduct,
    DenseColumns,
    FloatArray,
    IntArray,
    SparseEquality,
    table_columns,
)
from mentora.engine.features.experience import experience_fit, years_of
from mentora.engine.features.factors import (
    DENSE_CATEGORY_LIMIT,
    CombinedFactor,
    EqualityFactor,
    Factor,
    MentorValueFactor,
    OverlapFactor,
    TableFactor,
    TextFactor,
)
from mentora.engine.features.mentor_time import CADENCE_HOURS_PER_MONTH, mentor_hours_per_mentee
from mentora.engine.features.model import FeatureModel, build_model
from mentora.engine.features.passion import responsiveness
from mentora.engine.features.registry import (
    Feature,
    FeatureBuild,
    FeatureInputs,
    register,
    registered_features,
)

FEATURE_MODULES = (
    experience,
    feedback,
    focus_areas,
    goals,
    industry,
    job_function,
    languages,
    meeting_format,
    mentor_time,
    organisation,
    passion,
    questionnaire,
    skills,
    working_hours,
)

__all__ = [
    "CADENCE_HOURS_PER_MONTH",
    "DENSE_CATEGORY_LIMIT",
    "FEATURE_MODULES",
    "NEUTRAL",
    "BoolArray",
    "ClippedProduct",
    "CombinedFactor",
    "DenseColumns",
    "EqualityFactor",
    "Factor",
    "Feature",
    "FeatureBuild",
    "FeatureInputs",
    "FeatureModel",
    "FloatArray",
    "IntArray",
    "MentorValueFactor",
    "OrganisationConstraint",
    "OverlapFactor",
    "Rule",
    "SetConstraint",
    "SparseEquality",
    "TableConstraint",
    "TableFactor",
    "TextFactor",
    "build_model",
    "experience_fit",
    "mentor_hours_per_mentee",
    "register",
    "registered_features",
    "responsiveness",
    "table_columns",
    "years_of",
]
