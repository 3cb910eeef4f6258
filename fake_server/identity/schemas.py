"""Plays Keystone's request validation (keystone.common.validation).

Keystone validates request bodies with jsonschema (Draft 2020-12) and
answers 400 with ``Invalid input for field '<path>': <jsonschema's
message>``, or jsonschema's message alone when the root is wrong. The
schemas here state the same constraints as Keystone 30's for the bodies
the fake accepts.
"""

from __future__ import annotations

from typing import Any

import jsonschema

from fake_server.identity import faults

_BOOLEAN = {"type": "boolean", "enum": [True, False]}
_NAME = {
    "type": "string",
    "minLength": 1,
    "maxLength": 255,
    "pattern": r"[\S]+",
}
_ID = {
    "type": "string",
    "minLength": 1,
    "maxLength": 64,
    "pattern": r"^[a-zA-Z0-9-]+$",
}
_NULLABLE_ID = {**_ID, "type": ["string", "null"]}
_DESCRIPTION = {"type": ["string", "null"]}
_TAGS = {
    "type": "array",
    "items": {
        "type": "string",
        "minLength": 1,
        "maxLength": 255,
        "pattern": "^[^,/]*$",
    },
    "maxItems": 80,
    "uniqueItems": True,
}
_OPTIONS = {"type": "object"}
_ID_OR_NAME = {
    "type": "object",
    "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
}

#: keystone/auth/schema.py token_issue
TOKEN_ISSUE: dict[str, Any] = {
    "type": "object",
    "properties": {
        "identity": {
            "type": "object",
            "properties": {
                "methods": {"type": "array", "items": {"type": "string"}},
                "password": {
                    "type": "object",
                    "properties": {
                        "user": {
                            "type": "object",
                            "properties": {
                                "id": {"type": "string"},
                                "name": {"type": "string"},
                                "password": {"type": "string"},
                                "domain": _ID_OR_NAME,
                            },
                        }
                    },
                },
                "token": {
                    "type": "object",
                    "properties": {"id": {"type": "string"}},
                    "required": ["id"],
                },
            },
            "required": ["methods"],
        },
        "scope": {
            "type": ["object", "string"],
            "properties": {
                "project": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string"},
                        "id": {"type": "string"},
                        "domain": _ID_OR_NAME,
                    },
                },
                "domain": _ID_OR_NAME,
                "OS-TRUST:trust": {
                    "type": "object",
                    "properties": {"id": {"type": "string"}},
                },
                "system": {
                    "type": "object",
                    "properties": {"all": _BOOLEAN},
                },
            },
        },
    },
    "required": ["identity"],
}


def _envelope(key: str, inner: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {key: inner},
        "required": [key],
        "additionalProperties": False,
    }


_PROJECT = {
    "description": _DESCRIPTION,
    "domain_id": _NULLABLE_ID,
    "enabled": _BOOLEAN,
    "is_domain": _BOOLEAN,
    "parent_id": _NULLABLE_ID,
    "name": _NAME,
    "tags": _TAGS,
    "options": _OPTIONS,
}
PROJECT_CREATE = _envelope(
    "project",
    {
        "type": "object",
        "properties": _PROJECT,
        "required": ["name"],
        "additionalProperties": True,
    },
)
PROJECT_UPDATE = _envelope(
    "project",
    {
        "type": "object",
        "properties": _PROJECT,
        "minProperties": 1,
        "additionalProperties": True,
    },
)
_DOMAIN = {
    "description": _DESCRIPTION,
    "enabled": _BOOLEAN,
    "name": _NAME,
    "options": _OPTIONS,
    "tags": _TAGS,
}
DOMAIN_CREATE = _envelope(
    "domain",
    {
        "type": "object",
        "properties": {**_DOMAIN, "explicit_domain_id": _ID},
        "required": ["name"],
        "additionalProperties": True,
    },
)
DOMAIN_UPDATE = _envelope(
    "domain",
    {
        "type": "object",
        "properties": _DOMAIN,
        "minProperties": 1,
        "additionalProperties": True,
    },
)
_USER = {
    "default_project_id": {"type": ["string", "null"]},
    "description": _DESCRIPTION,
    "domain_id": _ID,
    "enabled": _BOOLEAN,
    "name": _NAME,
    "password": {"type": ["string", "null"]},
    "options": _OPTIONS,
}
USER_CREATE = _envelope(
    "user",
    {
        "type": "object",
        "properties": _USER,
        "required": ["name"],
        "additionalProperties": True,
    },
)
USER_UPDATE = _envelope(
    "user",
    {
        "type": "object",
        "properties": _USER,
        "minProperties": 1,
        "additionalProperties": True,
    },
)
PASSWORD_CHANGE = _envelope(
    "user",
    {
        "type": "object",
        "properties": {
            "original_password": {"type": "string"},
            "password": {"type": "string"},
        },
        "required": ["original_password", "password"],
        "additionalProperties": False,
    },
)
_ROLE = {
    "name": _NAME,
    "description": _DESCRIPTION,
    "domain_id": _NULLABLE_ID,
    "options": _OPTIONS,
}
ROLE_CREATE = _envelope(
    "role",
    {
        "type": "object",
        "properties": _ROLE,
        "required": ["name"],
        "additionalProperties": True,
    },
)
ROLE_UPDATE = _envelope(
    "role",
    {
        "type": "object",
        "properties": _ROLE,
        "minProperties": 1,
        "additionalProperties": True,
    },
)
_GROUP = {"description": _DESCRIPTION, "name": _NAME, "domain_id": _ID}
GROUP_CREATE = _envelope(
    "group",
    {
        "type": "object",
        "properties": _GROUP,
        "required": ["name"],
        "additionalProperties": True,
    },
)
GROUP_UPDATE = _envelope(
    "group",
    {
        "type": "object",
        "properties": _GROUP,
        "minProperties": 1,
        "additionalProperties": True,
    },
)
APP_CRED_CREATE = _envelope(
    "application_credential",
    {
        "type": "object",
        "properties": {
            "name": _NAME,
            "description": _DESCRIPTION,
            "secret": {"type": ["string", "null"]},
            "expires_at": {"type": ["string", "null"]},
            "roles": {
                "type": ["array", "null"],
                "items": _ID_OR_NAME,
            },
            "unrestricted": {"type": ["boolean", "null"]},
        },
        "required": ["name"],
        "additionalProperties": True,
    },
)

_VALIDATORS: dict[int, Any] = {}


def validate(schema: dict[str, Any], instance: Any) -> None:
    """Raise Keystone's 400 if ``instance`` does not fit ``schema``."""
    validator = _VALIDATORS.get(id(schema))
    if validator is None:
        validator = jsonschema.Draft202012Validator(schema)
        _VALIDATORS[id(schema)] = validator
    try:
        validator.validate(instance)
    except jsonschema.ValidationError as ex:
        if ex.path:
            path = "/".join(str(part) for part in ex.path)
            raise faults.BadRequest(
                f"Invalid input for field '{path}': {ex}"
            ) from None
        raise faults.BadRequest(str(ex)) from None
