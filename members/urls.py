"""/join/, /accounts/… and /account/…, included once from network/urls.py.

Names are not namespaced: Django's auth views reverse `password_reset_done` and
friends by their plain names, and templates already use `login` and `logout`."""

from django.contrib.auth import views as auth_views
from django.urls import path

from members.views import accounts, join, organizations, places

ORG = "account/organizations/<id:organization_id>/"

urlpatterns = [
    path("join/", join.join, name="join"),
    path("join/thanks/", join.join_done, name="join_done"),
    path("places/<str:country>/", places.subdivisions, name="place_subdivisions"),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/two-factor/", accounts.two_factor, name="two_factor"),
    path(
        "accounts/two-factor/recovery-codes/",
        accounts.two_factor_recovery_codes,
        name="two_factor_recovery_codes",
    ),
    # Wagtail's page-password form, behind the sign-in throttle: the same path as
    # Wagtail's own pattern, which comes later (network/urls.py) and so never runs.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        accounts.page_password,
    ),
    path(
        "accounts/password/reset/",
        accounts.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "accounts/password/change/",
        accounts.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "accounts/invitations/<str:token>/",
        accounts.accept_invitation,
        name="accept_invitation",
    ),
    path("account/", organizations.account, name="account"),
    path(ORG, organizations.organization_detail, name="account_organization"),
    path(f"{ORG}profile/", organizations.profile_edit, name="account_profile_edit"),
    path(
        f"{ORG}profile/confirm/",
        organizations.confirm_profile,
        name="account_confirm_profile",
    ),
    path(
        f"{ORG}revisions/<id:revision_id>/preview/",
        organizations.revision_preview,
        name="account_revision_preview",
    ),
    path(f"{ORG}people/invite/", organizations.invite_colleague, name="account_invite"),
    path(
        f"{ORG}people/<id:membership_id>/role/",
        organizations.change_role,
        name="account_change_role",
    ),
    path(
        f"{ORG}people/<id:membership_id>/remove/",
        organizations.remove_member,
        name="account_remove_member",
    ),
    path(
        f"{ORG}invitations/<id:invitation_id>/cancel/",
        organizations.cancel_invitation,
        name="account_cancel_invitation",
    ),
]
