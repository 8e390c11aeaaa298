"""The sentences the Templates screen says: a body's mistakes, the service's refusals, and the
names of languages and variables, in the user's language. (Category names live with the
composer's picker, app.ui.widgets.template_picker.category_text, so both say the same.)

(Each call spells out QCoreApplication.translate so lupdate can find the text.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.core import templates as syntax
from app.ui import messages

if TYPE_CHECKING:
    from app.services.templates import TemplateProblem

EXAMPLE = "{customer_name}"


def language_name(code: str) -> str:
    """Language names in their own language, as in Settings, so anyone can find theirs."""
    if code == "ja":
        return "日本語"
    if code == "en":
        return "English"
    return QCoreApplication.translate("Templates", "Any")


def variable_label(name: str) -> str:
    """What a known variable holds, for the Insert Variable menu."""
    translate = QCoreApplication.translate
    return {
        "customer_name": translate("Templates", "Customer's name"),
        "customer_handle": translate("Templates", "Customer's handle"),
        "shop_name": translate("Templates", "Shop name"),
        "contact_email": translate("Templates", "Contact email"),
        "contact_phone": translate("Templates", "Contact phone"),
        "staff_name": translate("Templates", "Staff name"),
        "today": translate("Templates", "Today's date"),
    }.get(name, name)


def syntax_error(error: syntax.TemplateError, body: str) -> str:
    """One sentence for a mistake in a body, quoting what it covers when that helps."""
    translate = QCoreApplication.translate
    if error.code == syntax.UNCLOSED:
        return translate(
            "Templates", "A “{” is not closed: end the variable with “}”, or write “{{” for a "
            "brace.")
    if error.code == syntax.STRAY_CLOSE:
        return translate(
            "Templates", "A “}” closes nothing: remove it, or write “}}” for a brace.")
    if error.code == syntax.EMPTY_NAME:
        return translate(
            "Templates", "Braces with no variable name in them: write a name, like {example}."
        ).format(example=EXAMPLE)
    return translate(
        "Templates", "“{text}” is not a variable name: use letters, digits and _ without spaces, "
        "like {example}."
    ).format(text=body[error.start:error.end], example=EXAMPLE)


def problem(exc: TemplateProblem) -> str:
    """One sentence for anything TemplatesService refuses, file imports included."""
    if exc.index is not None:
        return _entry_problem(exc)
    translate = QCoreApplication.translate
    texts = {
        "not_found": translate(
            "Templates", "This template no longer exists: it was deleted meanwhile."),
        "empty_name": translate("Templates", "Give the template a name."),
        "name_too_long": translate("Templates", "The name is too long: shorten it."),
        "name_taken": translate(
            "Templates", "Another template already has this name: choose a different one."),
        "empty_body": translate("Templates", "Write the reply this template inserts."),
        "body_too_long": translate(
            "Templates", "The text is far too long for a reply: shorten it."),
        "malformed": translate(
            "Templates", "The text has a mistake in its braces: fix the marked part first."),
        "bad_category": translate("Templates", "Choose one of the categories."),
        "bad_language": translate("Templates", "Choose one of the languages."),
        "shortcut_too_long": translate(
            "Templates", "This shortcut is too long: use one key with Ctrl or Alt."),
        "shortcut_taken": translate(
            "Templates", "Another template already uses this shortcut: choose a different one."),
        "too_many": translate(
            "Templates", "There are too many templates: delete some you no longer use first."),
        "unreadable": translate(
            "Templates", "The file could not be read. Check that it exists and that you may "
            "open it."),
        "unwritable": translate(
            "Templates", "The file could not be saved there. Choose a folder you can write to."),
        "too_large": translate(
            "Templates", "The file is far too large to be a templates file, so nothing was "
            "imported."),
        "not_json": translate(
            "Templates", "This is not a templates file exported by Community Desk, so nothing "
            "was imported."),
        "not_templates": translate(
            "Templates", "This is not a templates file exported by Community Desk, so nothing "
            "was imported."),
        "newer_version": translate(
            "Templates", "This file was exported by a newer version of Community Desk: update "
            "the app to import it."),
    }
    return texts.get(exc.code) or messages.unexpected_error()


def _entry_problem(exc: TemplateProblem) -> str:
    translate = QCoreApplication.translate
    which = f"{exc.index} ({exc.name})" if exc.name else str(exc.index)
    texts = {
        "empty_name": translate(
            "Templates", "Nothing was imported: template {which} in the file has no name."),
        "name_too_long": translate(
            "Templates", "Nothing was imported: the name of template {which} in the file is "
            "too long."),
        "empty_body": translate(
            "Templates", "Nothing was imported: template {which} in the file has no text."),
        "body_too_long": translate(
            "Templates", "Nothing was imported: the text of template {which} in the file is "
            "too long."),
        "malformed": translate(
            "Templates", "Nothing was imported: template {which} in the file has a mistake in "
            "its braces."),
        "bad_category": translate(
            "Templates", "Nothing was imported: template {which} in the file has a category "
            "Community Desk does not know."),
        "bad_language": translate(
            "Templates", "Nothing was imported: template {which} in the file has a language "
            "Community Desk does not know."),
        "shortcut_too_long": translate(
            "Templates", "Nothing was imported: the shortcut of template {which} in the file "
            "is too long."),
    }
    text = texts.get(exc.code) or translate(
        "Templates", "Nothing was imported: entry {which} in the file is not a complete "
        "template.")
    return text.format(which=which)
