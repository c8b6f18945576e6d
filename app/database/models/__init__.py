"""All models, imported together so the metadata is complete wherever one is used."""

from app.database.models.activities import Activity, Training
from app.database.models.evaluation import DivisionPopulation, PeriodLock
from app.database.models.families import (
    FamilyMember,
    InsuranceClaim,
    InsurancePolicy,
    SpecialFamily,
    SupportStandard,
    Visit,
    VisitGoods,
    VolunteerService,
)
from app.database.models.indicators import IndicatorDefinition, IndicatorTarget
from app.database.models.org import Association, AssociationTerm, Division, Person, PersonRole, Position
from app.database.models.projects import Project, ProjectBeneficiary, ProjectCatalogueEntry, ProjectPayment
from app.database.models.sync import BundleExport, BundleLedger, DuplicateCandidate, MergeConflict, SyncKey
from app.database.models.system import AuditEntry, ChangeLogEntry, Meta, UserAccount

__all__ = [
    "Activity",
    "Association",
    "AssociationTerm",
    "AuditEntry",
    "BundleExport",
    "BundleLedger",
    "ChangeLogEntry",
    "Division",
    "DivisionPopulation",
    "DuplicateCandidate",
    "FamilyMember",
    "IndicatorDefinition",
    "IndicatorTarget",
    "InsuranceClaim",
    "InsurancePolicy",
    "MergeConflict",
    "Meta",
    "PeriodLock",
    "Person",
    "PersonRole",
    "Position",
    "Project",
    "ProjectBeneficiary",
    "ProjectCatalogueEntry",
    "ProjectPayment",
    "SpecialFamily",
    "SupportStandard",
    "SyncKey",
    "Training",
    "UserAccount",
    "Visit",
    "VisitGoods",
    "VolunteerService",
]
