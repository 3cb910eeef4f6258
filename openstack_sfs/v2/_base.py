"""Shared pieces of every Manila resource: actions and microversion checks."""

from __future__ import annotations

import json
from collections.abc import Generator, Mapping, MutableMapping
from typing import TYPE_CHECKING, Any, ClassVar
from urllib import parse

import requests
from keystoneauth1 import adapter
from openstack import exceptions, fields, resource, utils
from openstack.fields import _convert_type

if TYPE_CHECKING:
    from typing_extensions import Self  # noqa: UP035

#: Highest microversion this SDK knows (Manila 23, "Flamingo").
MAX_MICROVERSION = "2.99"

#: Header that marks a Manila API as experimental.
EXPERIMENTAL_HEADER = "X-OpenStack-Manila-API-Experimental"


def require_microversion(
    session: adapter.Adapter, version: str, operation: str
) -> str:
    """Check the server offers ``version``; return the version to send.

    :param session: The adapter of the shared-file-system service.
    :param version: The lowest microversion the operation needs.
    :param operation: What the caller is doing, for the error message.
    :returns: ``version`` when the server supports it.
    :raises: :class:`~openstack.exceptions.NotSupported` naming the version
        when it does not.
    """
    if not utils.supports_microversion(session, version):
        raise exceptions.NotSupported(
            f"{operation} requires Shared File Systems API microversion "
            f"{version} or later, which this server does not offer."
        )
    return version


def encode_dict_filter(value: Mapping[Any, Any]) -> str:
    """A dict query filter as Manila parses it (``ast.literal_eval``).

    Manila reads ``metadata``, ``extra_specs`` and ``group_specs`` list
    filters as one literal such as ``{"k": "v"}``; values are compared
    as strings, so they are sent as strings.

    :param value: The filter, e.g. ``{"env": "prod"}``.
    :returns: Its JSON text (a valid Python literal).
    """
    return json.dumps(
        {str(k): v if isinstance(v, str) else str(v) for k, v in value.items()}
    )


#: (resource class, components) -> the class's attributes of those kinds
_ATTRIBUTES: dict[tuple[type, Any], tuple[tuple[str, Any], ...]] = {}
#: (resource class, component) -> wire name -> attribute name
_MAPPINGS: dict[tuple[type, type], Any] = {}
#: (resource class, component) -> (mapping, attribute names, lower-cased
#: wire or attribute name -> the wire names it matches, name given -> its
#: wire names or None)
_INDEXES: dict[
    tuple[type, type],
    tuple[
        Any,
        frozenset[str],
        dict[str, tuple[str, ...]],
        dict[str, tuple[str, ...] | None],
    ],
] = {}
#: bound on the names remembered per class and component
_RESOLVED_MAX = 1024
_MISSING = object()


def require_for_fields(
    session: adapter.Adapter,
    values: Mapping[str, Any],
    versions: Mapping[str, str],
    operation: str,
) -> None:
    """:func:`require_microversion` for each field given a value.

    :param values: The fields being sent (``None`` counts as absent).
    :param versions: Field name -> the microversion it appeared in.
    :param operation: What is being done, with ``{field}`` for the field's
        name (``"Creating a share with {field}"``).
    :raises: :class:`~openstack.exceptions.NotSupported` naming the first
        field whose version the server lacks.
    """
    for field, version in versions.items():
        if values.get(field) is not None:
            require_microversion(
                session, version, operation.format(field=field)
            )


class ManilaResource(resource.Resource):
    """Base of all openstack_sfs resources.

    Adds ``_action`` (``POST {base_path}/{id}/action``) that raises on an
    error status, and microversion helpers. Class attribute lookups that
    openstacksdk recomputes for every object (walking the MRO for every
    field) are cached per class: a class's fields do not change.
    """

    _max_microversion: str | None = MAX_MICROVERSION

    #: Fields a create needs: groups of alternatives, one of each group
    #: must have a value (checked before sending, see ``_strict``).
    _create_requires: ClassVar[tuple[tuple[str, ...], ...]] = ()

    #: List filters Manila drops silently below a microversion (answering
    #: the unfiltered list): filter name -> the microversion it needs.
    _filter_microversions: ClassVar[dict[str, str]] = {}

    @classmethod
    def _attributes_iterator(
        cls,
        components: Any = (fields.Body, fields.Header),
    ) -> Generator[tuple[str, Any], None, None]:
        """Every ``(name, component)`` of the given kinds, cached."""
        key = (cls, components)
        found = _ATTRIBUTES.get(key)
        if found is None:
            found = tuple(
                (name, value)
                for klass in cls.__mro__
                for name, value in klass.__dict__.items()
                if isinstance(value, components)
            )
            _ATTRIBUTES[key] = found
        yield from found

    @classmethod
    def _get_mapping(cls, component: Any) -> Any:
        """Wire name -> attribute name for one component kind, cached.

        A copy is returned, as openstacksdk's callers own the result.
        """
        key = (cls, component)
        found = _MAPPINGS.get(key)
        if found is None:
            found = super()._get_mapping(component)
            _MAPPINGS[key] = found
        copy = type(found)()
        copy.update(found)
        return copy

    def _consume_mapped_attrs(
        self, mapping_cls: Any, attrs: MutableMapping[str, Any]
    ) -> dict[str, Any]:
        """openstacksdk's attribute matching, in one pass.

        Same result as ``Resource._consume_attrs`` (a key given as a wire
        name or an attribute name, matched case-insensitively, lands on
        every wire name it matches), without its scan of the whole mapping
        for every key.
        """
        key = (type(self), mapping_cls)
        entry = _INDEXES.get(key)
        if entry is None:
            mapping = self._get_mapping(mapping_cls)
            index: dict[str, list[str]] = {}
            for wire, attr in mapping.items():
                for name in dict.fromkeys((wire.lower(), attr.lower())):
                    index.setdefault(name, []).append(wire)
            entry = (
                mapping,
                frozenset(mapping.values()),
                {name: tuple(wires) for name, wires in index.items()},
                {},
            )
            _INDEXES[key] = entry
        mapping, names, matches, resolved = entry
        relevant: dict[str, Any] = {}
        consumed = []
        for name, value in attrs.items():
            # per name given: the wire names it lands on, or None when
            # it is not this kind's (worked out once per class and name)
            if name in resolved:
                wires = resolved[name]
            else:
                wires = (
                    matches.get(name.lower(), ())
                    if name in names or mapping.get(name)
                    else None
                )
                if len(resolved) < _RESOLVED_MAX:
                    resolved[name] = wires
            if wires is None:
                continue
            for wire in wires:
                relevant[wire] = value
            consumed.append(name)
        for name in consumed:
            attrs.pop(name)
        return relevant

    def _compute_attributes(
        self,
        body: dict[str, Any],
        header: dict[str, Any],
        uri: dict[str, Any],
    ) -> dict[str, Any]:
        """No computed attributes (openstacksdk's default, which is
        deprecated and warns on every resource built)."""
        return {}

    def to_dict(
        self,
        body: bool = True,
        headers: bool = True,
        computed: bool = True,
        ignore_none: bool = False,
        original_names: bool = False,
        _to_munch: bool = False,
    ) -> dict[str, Any]:
        """openstacksdk's ``to_dict``, the same result, with a fast path.

        Every resource calls ``to_dict()`` once when it is built (to fill
        the dict it also is), and that call dominated listing: it reads
        each field through two layers of attribute lookup. For the
        default arguments the fields are read straight from the stored
        components, with the same type conversion; fields with aliases,
        deprecation warnings or the ``id`` special case still go through
        the attribute.
        """
        if (
            not (body and headers and computed)
            or ignore_none
            or original_names
            or _to_munch
            or self._allow_unknown_attrs_in_body
        ):
            return super().to_dict(
                body,
                headers,
                computed,
                ignore_none,
                original_names,
                _to_munch,
            )
        plan = _TO_DICT.get(type(self))
        if plan is None:
            plan = _TO_DICT[type(self)] = _to_dict_plan(type(self))
        stores = {
            "_body": self._body.attributes,
            "_header": self._header.attributes,
            "_computed": self._computed.attributes,
        }
        mapping: dict[str, Any] = {}
        for attr, keys, direct in plan:
            if direct is None:
                value = getattr(self, attr, None)
            else:
                store, name, default, data_type, list_type, plain_type = direct
                value = stores[store].get(name, _MISSING)
                if value is _MISSING:
                    value = default
                elif value is not None and type(value) is not plain_type:
                    value = _convert_type(value, data_type, list_type)
            if value and isinstance(value, (list, resource.Resource)):
                for key in keys:
                    mapping[key] = _plain(value)
            else:
                for key in keys:
                    mapping[key] = value
        return mapping

    # -- listing ----------------------------------------------------------

    @classmethod
    def list(
        cls, session: adapter.Adapter, *args: Any, **params: Any
    ) -> Generator[Self, None, None]:
        """openstacksdk's ``list``, with dict filters encoded for Manila.

        A dict given for a filter of :attr:`_query_mapping` (``metadata``,
        ``extra_specs``) is sent as one literal, which is what Manila's
        ``ast.literal_eval`` expects; sent as is, only its keys would go
        out. With ``limit``, pages are walked by ``offset``.

        :param session: The adapter of the shared-file-system service.
        :returns: A generator of resources.
        :raises: :class:`~openstack.exceptions.NotSupported` when a filter
            of :attr:`_filter_microversions` is given and the server is
            older than it needs.
        """
        require_for_fields(
            session, params, cls._filter_microversions, "The {field} filter"
        )
        known = cls._query_mapping._mapping
        wire_names = {
            v.get("name", k) if isinstance(v, dict) else v
            for k, v in known.items()
        }
        for name, value in params.items():
            if isinstance(value, Mapping) and (
                name in known or name in wire_names
            ):
                params[name] = encode_dict_filter(value)
        items = super().list(session, *args, **params)
        try:
            page_size = int(params.get("limit") or 0)
        except (TypeError, ValueError):
            page_size = 0
        if page_size <= 0:
            return items
        return cls._without_repeats(items, page_size)

    @classmethod
    def _without_repeats(
        cls, items: Generator[Self, None, None], page_size: int
    ) -> Generator[Self, None, None]:
        """Yield ``items`` once each, stopping a server that ignores offset.

        Paging by offset can meet an item twice when others are created
        meanwhile; such repeats are skipped. A whole page of repeats means
        the server answered the same page again: that raises instead of
        looping for ever.
        """
        seen: set[Any] = set()
        repeats = 0
        for item in items:
            key = item.id
            if key is not None and key in seen:
                repeats += 1
                if repeats >= page_size:
                    raise exceptions.SDKException(
                        "Endless pagination loop detected: the server "
                        "answered the same page for a new offset."
                    )
                continue
            repeats = 0
            seen.add(key)
            yield item

    @classmethod
    def _get_next_link(
        cls,
        uri: str,
        response: requests.Response,
        data: dict[str, Any],
        marker: str | None,
        limit: str | None,
        total_yielded: int,
    ) -> tuple[str | None, Mapping[str, Any]]:
        """Page by ``offset``: no Manila list honours ``marker``.

        Manila's lists read only ``limit`` and ``offset`` (a ``*_links``
        ``next`` link, when a page is full, carries a marker that the
        list would ignore, answering the first page again). So while
        pages are full, the next page is the same URL with ``offset``
        moved past this page; a short or empty page ends the list.
        """
        page = data.get(cls.resources_key or "", []) if data else []
        sent = parse.parse_qs(parse.urlsplit(str(response.request.url)).query)
        page_limit = sent.get("limit", [limit])[0]
        if not page or not page_limit:
            return None, {}
        try:
            full = len(page) >= int(page_limit)
        except ValueError:
            return None, {}
        if not full:
            return None, {}
        try:
            offset = int(sent.get("offset", ["0"])[0])
        except ValueError:
            offset = 0
        return uri, {"offset": offset + len(page), "limit": page_limit}

    @classmethod
    def _get_microversion(cls, session: adapter.Adapter) -> str | None:
        """min(server maximum, ``_max_microversion``), cached per adapter.

        openstacksdk works this out from the endpoint data on every call;
        the server's range does not change under a connection.
        """
        if session.default_microversion:
            return session.default_microversion
        cache: dict[str | None, str] = session.__dict__.setdefault(
            "_sfs_microversions", {}
        )
        found = cache.get(cls._max_microversion)
        if found is None:
            negotiated = super()._get_microversion(session)
            if negotiated is None:
                return None
            cache[cls._max_microversion] = found = negotiated
        return found

    def _microversion_for(
        self, session: adapter.Adapter, min_version: str | None, what: str
    ) -> str | None:
        """The microversion to send for an operation needing ``min_version``.

        :returns: The negotiated microversion (min of server and resource
            maximum), after checking it is at least ``min_version``.
        """
        if min_version is not None:
            require_microversion(session, min_version, what)
        return self._get_microversion(session)

    def _action_url(self) -> str:
        """The URL of this resource's ``/action`` endpoint."""
        request = self._prepare_request(requires_id=True)
        return utils.urljoin(request.url, "action")

    def _action(
        self,
        session: adapter.Adapter,
        body: dict[str, Any],
        microversion: str | None = None,
        *,
        min_microversion: str | None = None,
        experimental: bool = False,
    ) -> requests.Response:
        """POST ``body`` to ``{base_path}/{id}/action`` and raise on error.

        :param session: The adapter of the shared-file-system service.
        :param body: The action body, ``{"<action name>": {...} or None}``.
        :param microversion: Microversion to send; by default the
            negotiated one.
        :param min_microversion: Lowest microversion the action exists at;
            :class:`~openstack.exceptions.NotSupported` if the server is
            older.
        :param experimental: Send the experimental API header.
        :returns: The response.
        """
        name = next(iter(body), "action")
        if microversion is None:
            microversion = self._microversion_for(
                session, min_microversion, f"The {name} action"
            )
        headers = {EXPERIMENTAL_HEADER: "True"} if experimental else {}
        response = session.post(
            self._action_url(),
            json=body,
            headers=headers,
            microversion=microversion,
        )
        exceptions.raise_from_response(response)
        return response


#: class -> ((attribute, keys it fills, how to read it directly), ...)
_TO_DICT: dict[type, tuple[tuple[str, tuple[str, ...], Any], ...]] = {}


def _to_dict_plan(
    cls: type[ManilaResource],
) -> tuple[tuple[str, tuple[str, ...], Any], ...]:
    """What ``to_dict()`` reads for a class, in openstacksdk's order.

    Each attribute fills its name and its ``aka`` unless an earlier one
    (a subclass's) did; a component is kept only when reading it
    straight from storage is what its descriptor would do.
    """
    plan = []
    seen: set[str] = set()
    for attr, component in cls._attributes_iterator(
        (fields.Body, fields.Header, fields.Computed)
    ):
        keys = tuple(
            key
            for key in dict.fromkeys(filter(None, (attr, component.aka)))
            if key not in seen
        )
        seen.update(keys)
        if not keys:
            continue
        direct = None
        if (
            attr != "id"
            and not component.alias
            and not component.deprecated
            and type(component).__get__ is fields._BaseComponent.__get__
        ):
            data_type = component.data_type
            # a value already of the field's plain type comes back as is
            # from _convert_type (a list type makes a copy: no shortcut)
            plain_type = (
                None
                if data_type is None
                or (
                    isinstance(data_type, type) and issubclass(data_type, list)
                )
                else data_type
            )
            direct = (
                component.key,
                component.name,
                component.default,
                data_type,
                component.list_type,
                plain_type,
            )
        plan.append((attr, keys, direct))
    return tuple(plan)


def _plain(value: Any) -> Any:
    """``Resource._attr_to_dict`` of a value: nested resources as dicts."""
    if isinstance(value, resource.Resource):
        return value.to_dict()
    if value and isinstance(value, list):
        return [
            item.to_dict() if isinstance(item, resource.Resource) else item
            for item in value
        ]
    return value
