"""German names in the admin menu for third-party apps whose own names are English."""

from axes.apps import AppConfig as BaseAxesConfig


class AxesConfig(BaseAxesConfig):
    """Login protection: its lists of failed logins and lockouts stay with the superusers."""

    verbose_name = "Anmeldeschutz"
