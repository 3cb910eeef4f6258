"""Plays manila/message/message_field.py: user message actions, details."""

from __future__ import annotations

ACTIONS = {
    "001": "allocate host",
    "002": "create",
    "003": "delete access rules",
    "005": "update",
    "006": "revert to snapshot",
    "007": "delete",
    "008": "extend",
    "009": "shrink",
    "010": "update access rules",
}
ALLOCATE_HOST = "001"
CREATE = "002"
REVERT_TO_SNAPSHOT = "006"
DELETE = "007"
EXTEND = "008"
SHRINK = "009"
UPDATE_ACCESS_RULES = "010"

_FILTER_MSG = (
    "No storage could be allocated for this share request, "
    "{} filter didn't succeed."
)
DETAILS = {
    "001": "An unknown error occurred.",
    "002": "No storage could be allocated for this share request. Trying "
    "again with a different size or share type may succeed.",
    "003": "Driver does not expect share-network to be provided with "
    "current configuration.",
    "004": "Could not find an existing share server or allocate one on the "
    "share network provided. You may use a different share network, or "
    "verify the network details in the share network and retry your "
    "request. If this doesn't work, contact your administrator to "
    "troubleshoot issues with your network.",
    "007": _FILTER_MSG.format("AvailabilityZone"),
    "008": _FILTER_MSG.format("Capabilities"),
    "009": _FILTER_MSG.format("Capacity"),
    "013": _FILTER_MSG.format("Retry"),
    "015": "Share Driver failed to extend share, The share status has been "
    "set to extending_error. This action cannot be re-attempted until the "
    "status has been rectified. Contact your administrator to determine "
    "the cause of this failure.",
    "016": _FILTER_MSG.format("CreateFromSnapshot"),
    "017": "Share Driver has failed to create the share from snapshot. This "
    "operation can be re-attempted by creating a new share. Contact your "
    "administrator to determine the cause of this failure.",
    "019": "Share Driver does not support shrinking shares. Shrinking share "
    "operation failed.",
    "033": "Share Driver failed to create share server on share network due "
    "no more free IP addresses in the neutron subnet.You may free some IP "
    "addresses in the subnet or create a new subnet/share network. If this "
    "doesn't work, contact your administrator to troubleshoot issues with "
    "your network.",
}
UNKNOWN_ERROR = "001"
NO_VALID_HOST = "002"
UNEXPECTED_NETWORK = "003"
NO_SHARE_SERVER = "004"
DRIVER_FAILED_EXTEND = "015"
DRIVER_FAILED_CREATING_FROM_SNAP = "017"
DRIVER_FAILED_SHRINK = "019"
SUBNET_FULL = "033"

#: scheduler filter name -> detail id
FILTER_DETAILS = {
    "AvailabilityZone": "007",
    "Capabilities": "008",
    "Capacity": "009",
    "Retry": "013",
    "CreateFromSnapshot": "016",
}


def text(action_id: str, detail_id: str) -> str:
    """The ``user_message`` Manila composes: "action: detail"."""
    action = ACTIONS.get(action_id, "unknown action")
    detail = DETAILS.get(detail_id, DETAILS[UNKNOWN_ERROR])
    return f"{action}: {detail}"
