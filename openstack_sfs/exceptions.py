"""The exceptions openstack_sfs adds to openstacksdk's.

Everything else a call raises is from :mod:`openstack.exceptions` (HTTP
errors, ``NotSupported``, ``ResourceTimeout``) or keystoneauth1
(authentication). The classes here subclass the builtin or openstacksdk
class a caller would already catch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from openstack import exceptions as _sdk_exceptions

from openstack_sfs.v2._strict import MissingArgument, UnknownArgument

if TYPE_CHECKING:
    from openstack_sfs.v2.user_message import UserMessage


class ResourceFailure(_sdk_exceptions.ResourceFailure):
    """A waited-for resource reached a failure status.

    A subclass of :class:`openstack.exceptions.ResourceFailure`; its
    message ends with Manila's latest user message for the resource when
    there is one.

    :ivar user_message: That
        :class:`~openstack_sfs.v2.user_message.UserMessage`, or ``None``.
    """

    def __init__(
        self,
        message: str,
        user_message: UserMessage | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(message, **kwargs)
        self.user_message = user_message


__all__ = ["MissingArgument", "ResourceFailure", "UnknownArgument"]
