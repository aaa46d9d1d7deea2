"""The campaigns section's views, called from the pages' routes. They compose
queryset verbs for reads and call campaigns.actions for writes.

- sections: /campaigns/ and /calendar/, the listings
- campaign: /campaigns/<slug>/, the campaign page the forms below re-render
- signons: an organization signing on to a campaign, or withdrawing
- pledges: a supporter's pledge, confirmed, changed and removed by emailed links
"""
