"""Strict arguments for the proxy: unknown names, missing ones, bad sizes.

One mechanism for every public proxy method:

- :func:`strict_proxy` wraps each public method of a proxy class. A
  keyword the method does not take raises :class:`UnknownArgument` (a
  :class:`TypeError`) naming it and the nearest valid name. Sizes
  (``size``, ``new_size``) are checked before anything is sent, with
  Manila's messages.
- Keywords a method passes on (``**attrs``, ``**query``) are checked where
  they meet a resource class (the proxy's ``_create``, ``_update``,
  ``_list`` and ``_find``), against that class's fields or filters;
  methods that pass them elsewhere declare their names with
  :func:`accepts`. Free-form keywords (metadata, extra specs) stay free.
- Resource classes name the fields a create needs in ``_create_requires``;
  :func:`check_required` raises :class:`MissingArgument` before sending.
"""

from __future__ import annotations

import difflib
import functools
import inspect
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from openstack import fields, resource

_T = TypeVar("_T", bound=type)
_F = TypeVar("_F", bound=Callable[..., Any])

#: what a method's own keyword names are checked against
_ACCEPTS = "_strict_accepts"


class UnknownArgument(TypeError):
    """A keyword argument the method does not take.

    :ivar argument: The unknown name.
    :ivar suggestion: The nearest valid name, or ``None``.
    :ivar method: The proxy method called, when known.
    """

    def __init__(
        self,
        argument: str,
        valid: Iterable[str],
        method: str | None = None,
    ) -> None:
        self.argument = argument
        self.valid = frozenset(valid)
        self.method = method
        close = difflib.get_close_matches(argument, sorted(self.valid), n=1)
        self.suggestion = close[0] if close else None
        who = f"{method}()" if method else "the call"
        text = f"{who} got an unexpected keyword argument {argument!r}"
        if self.suggestion:
            text += f". Did you mean {self.suggestion!r}?"
        super().__init__(text)


class MissingArgument(TypeError):
    """A required argument was not given (or given as ``None``).

    :ivar argument: The missing name (the first alternative).
    :ivar method: The proxy method called, when known.
    """

    def __init__(
        self, alternatives: tuple[str, ...], method: str | None = None
    ) -> None:
        self.alternatives = alternatives
        self.argument = alternatives[0]
        self.method = method
        who = f"{method}()" if method else "the call"
        text = f"{who} missing required argument: {self.argument!r}"
        if len(alternatives) > 1:
            others = " or ".join(repr(a) for a in alternatives[1:])
            text += f" (or {others})"
        super().__init__(text)


# -- value checks, in Manila's words --------------------------------------


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_size(value: Any) -> None:
    """A share size: a positive integer (Manila's share create check).

    :raises TypeError: when it is not an integer.
    :raises ValueError: when it is not greater than 0.
    """
    message = f"Share size '{value}' must be an integer and greater than 0"
    if not _is_int(value):
        raise TypeError(message)
    if value <= 0:
        raise ValueError(message)


def check_new_size(value: Any) -> None:
    """A new size for extend or shrink (Manila's resize checks).

    :raises TypeError: when it is not an integer.
    :raises ValueError: when it is not greater than 0.
    """
    if not _is_int(value):
        raise TypeError("New share size must be specified as an integer.")
    if value <= 0:
        raise ValueError(
            f"Share size '{value}' must be an integer and greater than 0"
        )


#: argument name -> its check, for every proxy method and created resource
VALUE_CHECKS: dict[str, Callable[[Any], None]] = {
    "size": check_size,
    "new_size": check_new_size,
}


def check_values(values: Mapping[str, Any]) -> None:
    """Run :data:`VALUE_CHECKS` on the given, non-``None`` values."""
    for name, check in VALUE_CHECKS.items():
        value = values.get(name)
        if value is not None:
            check(value)


# -- names a resource class takes -----------------------------------------

_FIELD_NAMES: dict[type, frozenset[str]] = {}
_FILTER_NAMES: dict[type, frozenset[str]] = {}

#: keywords of openstacksdk's ``Resource.list`` that are not filters
LIST_OPTIONS = frozenset(
    {"max_items", "microversion", "headers", "allow_unknown_params"}
)
#: keywords of openstacksdk's ``Resource.find`` that are not filters
FIND_OPTIONS = frozenset({"list_base_path", "microversion", "all_projects"})


def field_names(resource_type: type[resource.Resource]) -> frozenset[str]:
    """Attribute and wire names of a class's body, header and URI fields."""
    found = _FIELD_NAMES.get(resource_type)
    if found is None:
        names: set[str] = set()
        for klass in resource_type.__mro__:
            for name, value in vars(klass).items():
                if isinstance(value, (fields.Body, fields.Header, fields.URI)):
                    names.add(name)
                    names.add(value.name)
        found = _FIELD_NAMES[resource_type] = frozenset(names)
    return found


def filter_names(resource_type: type[resource.Resource]) -> frozenset[str]:
    """The list filters a class takes, as openstacksdk validates them.

    Its ``_query_mapping`` keys and wire names, its URI fields, and
    openstacksdk's list options (:data:`LIST_OPTIONS`).
    """
    found = _FILTER_NAMES.get(resource_type)
    if found is None:
        mapping = resource_type._query_mapping._mapping
        names = set(mapping) | LIST_OPTIONS
        for key, value in mapping.items():
            names.add(
                value.get("name", key) if isinstance(value, dict) else value
            )
        for klass in resource_type.__mro__:
            for name, value in vars(klass).items():
                if isinstance(value, fields.URI):
                    names.add(name)
                    names.add(value.name)
        found = _FILTER_NAMES[resource_type] = frozenset(names)
    return found


def check_names(given: Iterable[str], valid: Iterable[str]) -> None:
    """Raise :class:`UnknownArgument` for the first name not in ``valid``."""
    allowed = valid if isinstance(valid, (set, frozenset)) else set(valid)
    for name in given:
        if name not in allowed:
            raise UnknownArgument(name, allowed)


def check_required(
    resource_type: type[resource.Resource], attrs: Mapping[str, Any]
) -> None:
    """Check the create fields a class requires are given.

    ``_create_requires`` on the class is a tuple of alternatives, each a
    tuple of attribute names of which one must have a value.

    :raises MissingArgument: naming the first group with no value.
    """
    groups: tuple[tuple[str, ...], ...] = getattr(
        resource_type, "_create_requires", ()
    )
    for group in groups:
        if not any(_given(resource_type, name, attrs) for name in group):
            raise MissingArgument(group)


def _given(
    resource_type: type[resource.Resource],
    name: str,
    attrs: Mapping[str, Any],
) -> bool:
    if attrs.get(name) is not None:
        return True
    field = getattr(resource_type, name, None)
    wire = getattr(field, "name", None)
    return wire is not None and attrs.get(wire) is not None


# -- the proxy wrapper ----------------------------------------------------


def accepts(*names: str | Iterable[str]) -> Callable[[_F], _F]:
    """Declare the ``**kwargs`` names a proxy method takes.

    For methods whose keywords go neither to a resource class's fields
    nor its filters. Each argument is a name or an iterable of names.
    """
    flat: set[str] = set()
    for item in names:
        if isinstance(item, str):
            flat.add(item)
        else:
            flat.update(item)

    def mark(func: _F) -> _F:
        setattr(func, _ACCEPTS, frozenset(flat))
        return func

    return mark


def _strict(func: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap one proxy method (see the module docstring)."""
    signature = inspect.signature(func)
    params = signature.parameters
    named = frozenset(
        name
        for name, p in params.items()
        if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL) and name != "self"
    )
    has_var_kw = any(p.kind is p.VAR_KEYWORD for p in params.values())
    declared: frozenset[str] | None = getattr(func, _ACCEPTS, None)
    allowed = (
        None
        if has_var_kw and declared is None
        else named | (declared or frozenset())
    )
    positions = list(params)
    checked = tuple(
        (name, positions.index(name), VALUE_CHECKS[name])
        for name in named
        if name in VALUE_CHECKS
        and params[name].kind
        in (
            inspect.Parameter.POSITIONAL_ONLY,
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
        )
    )
    method = func.__name__

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            if allowed is not None:
                for key in kwargs:
                    if key not in allowed:
                        raise UnknownArgument(key, allowed)
            for name, index, check in checked:
                value = args[index] if index < len(args) else kwargs.get(name)
                if value is not None:
                    check(value)
            return func(*args, **kwargs)
        except UnknownArgument as exc:
            if exc.method is not None:
                raise
            raise UnknownArgument(
                exc.argument, exc.valid | named, method
            ) from None
        except MissingArgument as exc:
            if exc.method is not None:
                raise
            raise MissingArgument(exc.alternatives, method) from None

    return wrapper


def strict_proxy(cls: _T) -> _T:
    """Class decorator: wrap every public method of a proxy class."""
    for name, value in list(vars(cls).items()):
        if name.startswith("_") or not inspect.isfunction(value):
            continue
        setattr(cls, name, _strict(value))
    return cls
