"""The resource library's models, one module per family; campaigns.models imports
them from here so Django finds them.

- vocabularies: the controlled lists (kinds, visibility, languages, UN mechanisms)
- queries: reads of resources, the library's privacy rule among them
- relations: what a resource holds inline (issue areas, credits, documents, links)
- resources: the resource page
- index: the library's index page, /resources/
"""

from campaigns.library.models.vocabularies import (  # isort: skip
    LANGUAGE_CHOICES,
    ResourceKind,
    ResourceVisibility,
    TreatyBody,
    UNMechanism,
)
from campaigns.library.models.relations import (  # isort: skip
    ResourceContributor,
    ResourceCoSigner,
    ResourceDocument,
    ResourceIssueArea,
    ResourceLink,
)
from campaigns.library.models.resources import ResourcePage  # isort: skip
from campaigns.library.models.index import ResourceIndexPage  # isort: skip

__all__ = [
    "LANGUAGE_CHOICES",
    "ResourceCoSigner",
    "ResourceContributor",
    "ResourceDocument",
    "ResourceIndexPage",
    "ResourceIssueArea",
    "ResourceKind",
    "ResourceLink",
    "ResourcePage",
    "ResourceVisibility",
    "TreatyBody",
    "UNMechanism",
]
