"""The base of every data-file schema (reporter/datafiles.py gives it as `Schema`): apart so that
reading a data file already checked does not import pydantic."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Schema(BaseModel):
    """Base of every data-file schema: unknown keys are errors, values are not coerced silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)
