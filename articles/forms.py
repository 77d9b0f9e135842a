from django import forms
from django.core.files.uploadedfile import UploadedFile

from articles import images
from articles.models import Photo

ACCEPT_IMAGES = "image/jpeg,image/png,image/webp,image/gif"


class PhotoForm(forms.ModelForm):
    # A plain file field: the upload pipeline decodes the image and says exactly
    # what is wrong, where Django's ImageField would only say "not an image".
    image = forms.FileField(
        help_text=Photo._meta.get_field("image").help_text,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_IMAGES}),
    )

    class Meta:
        model = Photo
        fields = ["image", "alt_text", "caption", "credit", "focal_x", "focal_y"]

    def clean_image(self):
        image = self.cleaned_data["image"]
        if isinstance(image, UploadedFile):
            return images.clean_upload(image)
        return image


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """
    Any number of files. Each one is checked later, on its own, so that one bad
    file does not send back the good ones.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT_IMAGES}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [upload for upload in files if upload]
