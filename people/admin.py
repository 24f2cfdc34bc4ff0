from django.contrib import admin

from .models import Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "honorific", "gender"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
