"""QoS types and their specs (2.94, admin).

Runs against an in-process fake Manila, so it needs no cloud:
``python doc/source/examples/qos_types.py``. Against a real cloud,
drop the fixture and connect with ``openstack_sfs.connect(cloud="...")``.
"""

from __future__ import annotations

from fake_server.fixture import FakeManila

with FakeManila() as fake:
    admin = fake.connect("admin").shared_file_system

    gold = admin.create_qos_type(
        name="gold", description="fast tier", specs={"peak_iops": "5000"}
    )
    print("created:", gold.name, gold.specs)

    admin.update_qos_type_specs(gold, min_iops="500")
    admin.update_qos_type_spec(gold, "peak_iops", "8000")
    print("specs:", admin.get_qos_type_specs(gold))

    admin.update_qos_type(gold, description="faster tier")
    print("described:", admin.get_qos_type(gold.id).description)

    admin.delete_qos_type_spec(gold, "min_iops")
    print("names:", [q.name for q in admin.qos_types()])
    admin.delete_qos_type(gold)
    print("left:", list(admin.qos_types()))
