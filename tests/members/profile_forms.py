"""What the profile edit form at /account/… posts, for tests to send."""


def profile_data(org, **changes):
    data = {
        "title": org.title,
        "summary": org.summary,
        "mission": "",
        "issue_areas": [str(area.pk) for area in org.issue_areas.all()],
        "city": org.city,
        "country": str(org.country),
        "subdivision": org.subdivision,
        "scope": org.scope,
        "visibility": org.visibility,
        **links_data(org.social_links.all()),
    }
    data.update(changes)
    return data


def links_data(links, initial=None):
    """The links formset as the form posts it: `links` are (label, url) pairs or
    saved links; `initial` is how many rows the page rendered from saved links."""
    pairs = [(link.label, link.url) if hasattr(link, "url") else link for link in links]
    data = {
        "links-TOTAL_FORMS": str(len(pairs)),
        "links-INITIAL_FORMS": str(len(pairs) if initial is None else initial),
    }
    for index, (label, url) in enumerate(pairs):
        data[f"links-{index}-label"] = label
        data[f"links-{index}-url"] = url
    return data
