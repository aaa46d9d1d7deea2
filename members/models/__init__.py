# Import order matters: the taxonomy must exist before the models that tag with it.
from members.models.taxonomy import Approach, IssueArea, Population, RightsCategory  # isort: skip
from members.models.users import COORDINATORS_GROUP, Membership, User  # isort: skip
from members.models.applications import (
    ApplicationStatus,
    Invitation,
    MembershipApplication,
)
from members.models.choices import MembershipStatus, Scope, Visibility
from members.models.directory import MemberDirectoryPage
from members.models.hubs import IssueAreaIndexPage
from members.models.imports import MemberImport
from members.models.organizations import MemberOrganizationPage
from members.models.queries import MemberOrganizationQuerySet
from members.models.relations import OrganizationIssueArea, OrganizationLink
from members.models.suggestions import IssueAreaSuggestion, SuggestionStatus

__all__ = [
    "ApplicationStatus",
    "Invitation",
    "MembershipApplication",
    "COORDINATORS_GROUP",
    "Approach",
    "IssueArea",
    "IssueAreaIndexPage",
    "IssueAreaSuggestion",
    "MemberDirectoryPage",
    "MemberImport",
    "MemberOrganizationPage",
    "MemberOrganizationQuerySet",
    "Membership",
    "MembershipStatus",
    "OrganizationIssueArea",
    "OrganizationLink",
    "Population",
    "RightsCategory",
    "Scope",
    "SuggestionStatus",
    "User",
    "Visibility",
]
