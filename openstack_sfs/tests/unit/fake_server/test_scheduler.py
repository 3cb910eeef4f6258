"""The fake scheduler's filters and weigher, on hand-made pool states."""

from __future__ import annotations

from typing import Any

from fake_server import scheduler
from fake_server.scheduler import filters, weighers
from fake_server.scheduler.host_manager import (
    PoolState,
    RequestSpec,
    pools_from_stats,
)
from openstack_sfs.tests import base as tests_base


def pool(
    name: str = "fakehost@alpha#fast",
    zone: str = "nova",
    *,
    up: bool = True,
    enabled: bool = True,
    **caps: Any,
) -> PoolState:
    """A pool state; capabilities default to a thick 100 GiB NFS pool."""
    host, _, rest = name.partition("@")
    backend, _, pool_name = rest.partition("#")
    capabilities: dict[str, Any] = {
        "pool_name": pool_name,
        "total_capacity_gb": 100.0,
        "free_capacity_gb": 100.0,
        "provisioned_capacity_gb": 0,
        "reserved_percentage": 0,
        "thin_provisioning": False,
        "max_over_subscription_ratio": 1.0,
        "driver_handles_share_servers": False,
        "snapshot_support": True,
        "storage_protocol": "NFS_CIFS",
        "share_backend_name": backend.upper(),
        "replication_domain": None,
    }
    capabilities.update(caps)
    return PoolState(
        host=host,
        backend=backend,
        pool=pool_name,
        availability_zone=zone,
        capabilities=capabilities,
        service_up=up,
        service_enabled=enabled,
    )


class TestCapacityFilter(tests_base.TestCase):
    def test_reserved_percentage_is_kept_free(self) -> None:
        state = pool(free_capacity_gb=100.0, reserved_percentage=10)
        self.assertTrue(filters.capacity_filter(state, RequestSpec(size=90)))
        self.assertFalse(filters.capacity_filter(state, RequestSpec(size=91)))

    def test_free_space_is_floored(self) -> None:
        state = pool(free_capacity_gb=10.9)
        self.assertTrue(filters.capacity_filter(state, RequestSpec(size=10)))
        self.assertFalse(filters.capacity_filter(state, RequestSpec(size=11)))

    def test_thin_pool_over_subscription_ratio(self) -> None:
        state = pool(
            thin_provisioning=True,
            max_over_subscription_ratio=2.0,
            provisioned_capacity_gb=150,
            free_capacity_gb=10.0,
        )
        # virtual free space: 10 * 2 = 20 >= 20
        self.assertTrue(filters.capacity_filter(state, RequestSpec(size=20)))
        # 10 * 2 = 20 virtual free: 21 does not fit
        self.assertFalse(filters.capacity_filter(state, RequestSpec(size=21)))
        roomy = pool(
            thin_provisioning=True,
            max_over_subscription_ratio=2.0,
            provisioned_capacity_gb=150,
            free_capacity_gb=100.0,
        )
        # (150 + 50) / 100 = 2.0 is not above the ratio
        self.assertTrue(filters.capacity_filter(roomy, RequestSpec(size=50)))
        # (150 + 51) / 100 > 2.0
        self.assertFalse(filters.capacity_filter(roomy, RequestSpec(size=51)))

    def test_thick_pool_ignores_the_ratio(self) -> None:
        state = pool(max_over_subscription_ratio=20.0, free_capacity_gb=5.0)
        self.assertFalse(filters.capacity_filter(state, RequestSpec(size=6)))

    def test_share_type_asking_thick_on_a_thin_pool(self) -> None:
        state = pool(
            thin_provisioning=True,
            max_over_subscription_ratio=10.0,
            free_capacity_gb=5.0,
        )
        thin = RequestSpec(size=40)
        thick = RequestSpec(
            size=40, extra_specs={"thin_provisioning": "<is> False"}
        )
        self.assertTrue(filters.capacity_filter(state, thin))
        self.assertFalse(filters.capacity_filter(state, thick))

    def test_unknown_or_zero_capacity(self) -> None:
        unknown = pool(free_capacity_gb="unknown")
        self.assertTrue(
            filters.capacity_filter(unknown, RequestSpec(size=10**6))
        )
        empty = pool(total_capacity_gb=0, free_capacity_gb=0)
        self.assertFalse(filters.capacity_filter(empty, RequestSpec(size=1)))


class TestCapabilitiesFilter(tests_base.TestCase):
    def check(self, specs: dict[str, str], **caps: Any) -> bool:
        return filters.capabilities_filter(
            pool(**caps), RequestSpec(size=1, extra_specs=specs)
        )

    def test_is_operator(self) -> None:
        self.assertTrue(self.check({"snapshot_support": "<is> True"}))
        self.assertFalse(self.check({"snapshot_support": "<is> False"}))
        self.assertTrue(
            self.check(
                {"snapshot_support": "<is> False"}, snapshot_support=False
            )
        )

    def test_plain_booleans(self) -> None:
        self.assertTrue(self.check({"driver_handles_share_servers": "False"}))
        self.assertFalse(self.check({"driver_handles_share_servers": "True"}))

    def test_missing_dhss_capability_fails(self) -> None:
        state = pool()
        del state.capabilities["driver_handles_share_servers"]
        spec = RequestSpec(
            size=1, extra_specs={"driver_handles_share_servers": "False"}
        )
        self.assertFalse(filters.capabilities_filter(state, spec))

    def test_in_operator(self) -> None:
        self.assertTrue(
            self.check({"vendor_name": "<in> Fake"}, vendor_name="Fake Manila")
        )
        self.assertFalse(
            self.check(
                {"vendor_name": "<in> NetApp"}, vendor_name="Fake Manila"
            )
        )

    def test_or_operator(self) -> None:
        specs = {"replication_type": "<or> dr <or> readable"}
        self.assertTrue(self.check(specs, replication_type="readable"))
        self.assertTrue(self.check(specs, replication_type="dr"))
        self.assertFalse(self.check(specs, replication_type="writable"))

    def test_numeric_comparisons(self) -> None:
        self.assertTrue(self.check({"total_capacity_gb": ">= 100"}))
        self.assertFalse(self.check({"total_capacity_gb": ">= 101"}))
        self.assertTrue(self.check({"total_capacity_gb": "<= 100"}))
        self.assertFalse(self.check({"total_capacity_gb": "< 100"}))
        self.assertTrue(self.check({"total_capacity_gb": "== 100"}))
        # "=" means "at least" in Manila
        self.assertTrue(self.check({"total_capacity_gb": "= 50"}))

    def test_string_comparisons_and_case(self) -> None:
        self.assertTrue(self.check({"share_backend_name": "ALPHA"}))
        # Manila lowercases both sides
        self.assertTrue(self.check({"share_backend_name": "alpha"}))
        self.assertFalse(self.check({"share_backend_name": "BETA"}))
        self.assertTrue(self.check({"share_backend_name": "s== alpha"}))
        self.assertTrue(self.check({"share_backend_name": "s!= beta"}))

    def test_scoped_keys(self) -> None:
        self.assertTrue(
            self.check({"capabilities:snapshot_support": "<is> True"})
        )
        self.assertFalse(
            self.check({"capabilities:snapshot_support": "<is> False"})
        )
        # other scopes are not capabilities
        self.assertTrue(self.check({"vendor:anything": "x"}))
        self.assertTrue(self.check({"provisioning:max_share_size": "1"}))

    def test_storage_protocol_is_one_whole_value(self) -> None:
        # Manila compares the whole value, case-insensitively: a type
        # asking NFS_CIFS matches a dummy backend's NFS_CIFS, while a
        # type asking just NFS does not (it would need "<in> NFS")
        self.assertTrue(self.check({"storage_protocol": "NFS_CIFS"}))
        self.assertTrue(self.check({"storage_protocol": "nfs_cifs"}))
        self.assertFalse(self.check({"storage_protocol": "NFS"}))
        self.assertTrue(self.check({"storage_protocol": "<in> CIFS"}))
        self.assertFalse(self.check({"storage_protocol": "CEPHFS"}))

    def test_share_protocol_is_asked_as_storage_protocol(self) -> None:
        state = pool(storage_protocol="NFS_CIFS")
        cifs = RequestSpec(size=1, share_proto="CIFS")
        cephfs = RequestSpec(size=1, share_proto="CEPHFS")
        self.assertTrue(filters.capabilities_filter(state, cifs))
        self.assertFalse(filters.capabilities_filter(state, cephfs))
        self.assertEqual("Capabilities", scheduler.explain(cephfs, [state]))
        # a type naming storage_protocol replaces the share's protocol
        typed = RequestSpec(
            size=1,
            share_proto="CEPHFS",
            extra_specs={"storage_protocol": "NFS_CIFS"},
        )
        self.assertTrue(filters.capabilities_filter(state, typed))

    def test_unknown_capability_fails_the_pool(self) -> None:
        self.assertFalse(self.check({"fancy_feature": "<is> True"}))
        self.assertFalse(self.check({"capabilities:fancy": "x"}))
        self.assertTrue(
            self.check({"fancy_feature": "yes"}, fancy_feature="yes")
        )

    def test_nested_and_list_capabilities(self) -> None:
        nested = {"qos": {"iops": 500}}
        self.assertTrue(
            self.check({"capabilities:qos:iops": ">= 100"}, **nested)
        )
        self.assertFalse(
            self.check({"capabilities:qos:iops": ">= 900"}, **nested)
        )
        self.assertFalse(self.check({"capabilities:qos:mbps": "1"}, **nested))
        listed = {"thin_provisioning": [True, False]}
        self.assertTrue(
            self.check({"thin_provisioning": "<is> False"}, **listed)
        )
        self.assertTrue(
            self.check({"thin_provisioning": "<is> True"}, **listed)
        )

    def test_operators_read_one_word(self) -> None:
        # <in> and the comparisons read only the word after them
        self.assertTrue(
            self.check(
                {"vendor_name": "<in> fake nothing"}, vendor_name="Fake"
            )
        )
        self.assertTrue(self.check({"total_capacity_gb": ">= 50 999"}))
        # an unknown first word: the whole value is compared
        self.assertFalse(
            self.check({"vendor_name": "<all-in> a b"}, vendor_name="a b")
        )
        self.assertTrue(
            self.check(
                {"vendor_name": "<all-in> a b"}, vendor_name="<all-in> a b"
            )
        )
        self.assertTrue(self.check({"vendor_name": "s< b"}, vendor_name="a"))
        self.assertFalse(self.check({"vendor_name": "s> b"}, vendor_name="a"))
        # an operator the value cannot take: no match, no error
        self.assertFalse(self.check({"vendor_name": ">= 1"}, vendor_name="x"))
        self.assertFalse(self.check({"total_capacity_gb": "<in> 1"}))

    def test_boolean_specs_are_read_with_is(self) -> None:
        # the scheduler reads snapshot_support=yes as "<is> yes"
        self.assertTrue(self.check({"snapshot_support": "yes"}))
        self.assertFalse(self.check({"snapshot_support": "no"}))
        self.assertTrue(
            self.check({"snapshot_support": "True"}, snapshot_support="true")
        )

    def test_default_qos_type_needs_qos_type_support(self) -> None:
        specs = {"default_qos_type": "gold"}
        self.assertFalse(self.check(specs))
        self.assertTrue(self.check(specs, qos_type_support=True))

    def test_backend_name_is_dropped_for_snapshot_clones(self) -> None:
        beta = pool("fakehost@beta#p")
        named = {"share_backend_name": "ALPHA"}
        self.assertFalse(
            filters.capabilities_filter(
                beta, RequestSpec(size=1, extra_specs=named)
            )
        )
        clone = RequestSpec(
            size=1, extra_specs=named, snapshot_host="fakehost@alpha#p"
        )
        self.assertTrue(filters.capabilities_filter(beta, clone))
        replica = RequestSpec(
            size=1, extra_specs=named, active_replica_host="fakehost@alpha#p"
        )
        self.assertTrue(filters.capabilities_filter(beta, replica))

    def test_ignored_specs(self) -> None:
        for key in ("availability_zones", "capabilities:availability_zones"):
            self.assertTrue(self.check({key: "elsewhere"}))

    def test_fused_schedule_agrees_with_the_filters(self) -> None:
        pools = [
            pool("h@a#p1", storage_protocol="NFS"),
            pool("h@a#p2", storage_protocol="NFS_CIFS"),
            pool("h@b#p1", storage_protocol="CIFS", qos_type_support=True),
            pool("h@c#p1", qos={"iops": 10}),
        ]
        specs = [
            RequestSpec(size=1, share_proto="CIFS"),
            RequestSpec(size=1, share_proto="nfs"),
            RequestSpec(
                size=1, extra_specs={"storage_protocol": "<or> nfs <or> cifs"}
            ),
            RequestSpec(size=1, extra_specs={"default_qos_type": "q"}),
            RequestSpec(size=1, extra_specs={"capabilities:qos:iops": "5"}),
            RequestSpec(size=1, extra_specs={"missing": "1"}),
        ]
        for spec in specs:
            expected = weighers.order(
                [
                    p
                    for p in pools
                    if all(check(p, spec) for _, check in filters.FILTERS)
                ],
                spec,
            )
            self.assertEqual(
                [p.name for p in expected],
                [p.name for p in scheduler.schedule(spec, pools)],
                repr(spec),
            )


class TestOtherFilters(tests_base.TestCase):
    def test_availability_zone(self) -> None:
        nova = pool(zone="nova")
        other = pool(zone="az2")
        spec = RequestSpec(size=1, availability_zone="nova")
        self.assertTrue(filters.availability_zone_filter(nova, spec))
        self.assertFalse(filters.availability_zone_filter(other, spec))
        # the zones the API allowed (from the type, 2.48+)
        allowed = RequestSpec(size=1, availability_zones=["az1", "az2"])
        self.assertFalse(filters.availability_zone_filter(nova, allowed))
        self.assertTrue(filters.availability_zone_filter(other, allowed))
        # the extra spec itself is not read by the scheduler
        typed = RequestSpec(size=1, extra_specs={"availability_zones": "az2"})
        self.assertTrue(filters.availability_zone_filter(nova, typed))
        self.assertTrue(filters.capabilities_filter(nova, typed))

    def test_only_host(self) -> None:
        fast = pool("fakehost@alpha#fast")
        slow = pool("fakehost@alpha#slow")
        beta = pool("fakehost@beta#fast")

        def passing(wanted: str) -> list[str]:
            spec = RequestSpec(size=1, only_host=wanted)
            return [
                p.name
                for p in (fast, slow, beta)
                if filters.only_host_filter(p, spec)
            ]

        self.assertEqual([slow.name], passing("fakehost@alpha#slow"))
        # Manila compares the whole pool name: a back end is no pool
        self.assertEqual([], passing("fakehost@alpha"))
        self.assertEqual([], passing("fakehost"))
        self.assertEqual([], passing("otherhost@alpha#fast"))

    def test_create_from_snapshot(self) -> None:
        alpha = pool("fakehost@alpha#fast", replication_domain="d1")
        beta = pool("fakehost@beta#fast", replication_domain="d1")
        gamma = pool("fakehost@gamma#pool1", replication_domain=None)
        same = RequestSpec(size=1, snapshot_host="fakehost@alpha#slow")
        self.assertTrue(filters.create_from_snapshot_filter(alpha, same))
        self.assertFalse(filters.create_from_snapshot_filter(beta, same))
        domain = RequestSpec(
            size=1,
            snapshot_host="fakehost@alpha#slow",
            snapshot_replication_domain="d1",
        )
        self.assertTrue(filters.create_from_snapshot_filter(beta, domain))
        self.assertFalse(filters.create_from_snapshot_filter(gamma, domain))
        self.assertTrue(
            filters.create_from_snapshot_filter(gamma, RequestSpec(size=1))
        )

    def test_service_up_and_enabled(self) -> None:
        spec = RequestSpec(size=1)
        self.assertTrue(filters.service_filter(pool(), spec))
        self.assertFalse(filters.service_filter(pool(up=False), spec))
        self.assertFalse(filters.service_filter(pool(enabled=False), spec))

    def test_affinity_and_retry(self) -> None:
        # Manila compares pools (host@backend#pool), not back ends
        alpha = pool("fakehost@alpha#fast")
        spec = RequestSpec(size=1, same_host=["fakehost@alpha#slow"])
        self.assertFalse(filters.affinity_filter(alpha, spec))
        spec = RequestSpec(size=1, same_host=["fakehost@alpha#fast"])
        self.assertTrue(filters.affinity_filter(alpha, spec))
        # a hint whose shares are nowhere lets no pool through
        self.assertFalse(
            filters.affinity_filter(alpha, RequestSpec(size=1, same_host=[]))
        )
        spec = RequestSpec(size=1, different_host=["fakehost@alpha#fast"])
        self.assertFalse(filters.anti_affinity_filter(alpha, spec))
        spec = RequestSpec(size=1, different_host=["fakehost@alpha#slow"])
        self.assertTrue(filters.anti_affinity_filter(alpha, spec))
        spec = RequestSpec(size=1, ignore_hosts=["fakehost@alpha"])
        self.assertFalse(filters.ignore_filter(alpha, spec))


class TestWeigherAndSchedule(tests_base.TestCase):
    def test_most_free_first_with_reserved(self) -> None:
        small = pool("h@a#small", free_capacity_gb=50.0)
        big = pool("h@a#big", free_capacity_gb=80.0, reserved_percentage=40)
        large = pool("h@b#large", free_capacity_gb=90.0)
        ordered = weighers.order([small, big, large], RequestSpec(size=1))
        # big: 80 - 40 = 40 free after reserve
        self.assertEqual(
            ["h@b#large", "h@a#small", "h@a#big"], [p.name for p in ordered]
        )

    def test_thin_pools_weigh_virtual_free_space(self) -> None:
        thin = pool(
            "h@a#thin",
            thin_provisioning=True,
            max_over_subscription_ratio=3.0,
            provisioned_capacity_gb=100,
            free_capacity_gb=10.0,
        )
        thick = pool("h@a#thick", free_capacity_gb=150.0)
        self.assertEqual(200.0, weighers.capacity_weight(thin))
        ordered = weighers.order([thick, thin], RequestSpec(size=1))
        self.assertEqual(["h@a#thin", "h@a#thick"], [p.name for p in ordered])

    def test_ties_break_on_name(self) -> None:
        second = pool("h@b#p")
        first = pool("h@a#p")
        ordered = weighers.order([second, first], RequestSpec(size=1))
        self.assertEqual(["h@a#p", "h@b#p"], [p.name for p in ordered])

    def test_schedule_filters_then_orders(self) -> None:
        pools = [
            pool("h@a#down", up=False, free_capacity_gb=100.0),
            pool("h@a#off", enabled=False, free_capacity_gb=100.0),
            pool("h@b#tiny", free_capacity_gb=2.0),
            pool("h@b#mid", free_capacity_gb=40.0),
            pool("h@c#big", free_capacity_gb=60.0),
        ]
        chosen = scheduler.schedule(RequestSpec(size=5), pools)
        self.assertEqual(["h@c#big", "h@b#mid"], [p.name for p in chosen])

    def test_explain_names_the_filter_that_left_nothing(self) -> None:
        pools = [pool(free_capacity_gb=1.0)]
        self.assertEqual(
            "Capacity", scheduler.explain(RequestSpec(size=5), pools)
        )
        self.assertEqual(
            "Service",
            scheduler.explain(RequestSpec(size=1), [pool(up=False)]),
        )
        spec = RequestSpec(
            size=1, extra_specs={"driver_handles_share_servers": "True"}
        )
        self.assertEqual("Capabilities", scheduler.explain(spec, pools))
        self.assertEqual("", scheduler.explain(RequestSpec(size=1), pools))

    def test_pools_from_stats(self) -> None:
        stats = {
            "pools": [
                {"pool_name": "p1", "total_capacity_gb": 10},
                {"pool_name": "p2", "total_capacity_gb": 20},
            ]
        }
        states = pools_from_stats("h", "b", "az", stats, up=False)
        self.assertEqual(["h@b#p1", "h@b#p2"], [s.name for s in states])
        self.assertEqual({"az"}, {s.availability_zone for s in states})
        self.assertFalse(any(s.service_up for s in states))
        self.assertEqual("h@b", states[0].backend_host)
