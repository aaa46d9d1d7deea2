"""The Wagtail admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE)."""

from django import forms
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from home.images import reencode_without_metadata


class SiteImageUploadField(WagtailImageField):
    """Wagtail's image field, re-encoding the upload as it validates it.

    Wagtail's own checks measure the file through Willow, which decodes the first
    frame before the pixel limit is compared and lets a decoder's error (a
    truncated file, say) out as a server error. home.images reads the header
    first and turns every decoder failure into a message on this field."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        self.check_image_file_size(upload)
        return reencode_without_metadata(upload, upload.name)


class SiteImageForm(BaseImageForm):
    """Used by the admin's single and multiple uploaders and the chooser's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail builds the file field itself (formfield_for_dbfield); swap in
        # ours, keeping its label and widget. The multiple uploader's edit form
        # has no file field, and must keep having none.
        if "file" in self.fields:
            wagtails = self.fields["file"]
            self.fields["file"] = SiteImageUploadField(
                label=wagtails.label, required=wagtails.required, widget=wagtails.widget
            )
