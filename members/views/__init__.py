"""Views of the membership lifecycle: /join/, /accounts/… and /account/…"""
