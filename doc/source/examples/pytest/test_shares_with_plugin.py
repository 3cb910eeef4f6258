"""Tests of a user's code on the fake Manila, with the pytest plugin.

Run with ``pytest doc/source/examples/pytest/``: no conftest is needed,
the plugin comes with the package.
"""

import pytest


def test_create_share(sfs):
    share = sfs.create_share(share_protocol="NFS", size=1, name="data")
    sfs.wait_for_status(share, "available", failures=["error"], wait=30)
    assert [s.name for s in sfs.shares()] == ["data"]


def test_each_test_starts_clean(sfs):
    assert list(sfs.shares()) == []


def test_admin_sees_the_backends(admin_sfs):
    pools = {pool.name for pool in admin_sfs.storage_pools()}
    assert "fakehost@alpha#fast" in pools


@pytest.mark.fake_manila(progression="manual")
def test_manual_progression(fake_manila, sfs):
    share = sfs.create_share(share_protocol="NFS", size=1)
    assert sfs.get_share(share).status == "creating"
    fake_manila.advance()
    assert sfs.get_share(share).status == "available"


@pytest.mark.fake_manila(config={"quotas": {"shares": 1}})
def test_own_configuration(sfs):
    sfs.create_share(share_protocol="NFS", size=1)
    with pytest.raises(Exception, match="Maximum number of shares"):
        sfs.create_share(share_protocol="NFS", size=1)
