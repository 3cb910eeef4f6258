"""The fake Keystone's admin API through openstacksdk and keystoneauth.

openstacksdk's identity proxy (``conn.identity.*``) and cloud layer
create projects, users and role assignments as tempest's dynamic
credentials and openstacksdk's functional tests do; the new users log
in at once and Manila applies Keystone's roles to them.
"""

from __future__ import annotations

from typing import Any

import openstack
from keystoneauth1 import exceptions as ks_exceptions
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3
from openstack import exceptions

import openstack_sfs
from openstack_sfs.tests.functional.base import FunctionalTestCase


class IdentityTestCase(FunctionalTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.sdk_admin = openstack.connect(
            load_yaml_config=False,
            load_envvars=False,
            **self.fake.credentials("admin"),
        )
        self.addCleanup(self.sdk_admin.close)
        #: openstacksdk's identity proxy (v3 here; its hints cover v2 too)
        self.identity: Any = self.sdk_admin.identity

    def new_member(
        self, role: str = "member", name: str = "fn"
    ) -> tuple[Any, Any]:
        """A fresh project and a user with ``role`` on it."""
        project = self.identity.create_project(
            name=f"{name}-project", domain_id="default"
        )
        self.addCleanup(self.identity.delete_project, project, True)
        user = self.identity.create_user(
            name=f"{name}-user", password="pw-" + name, domain_id="default"
        )
        self.addCleanup(self.identity.delete_user, user, True)
        self.identity.assign_project_role_to_user(
            project, user, self.identity.find_role(role)
        )
        return project, user

    def connect_as(self, user: Any, project: Any, password: str) -> Any:
        """An openstack_sfs connection as a user made through the API."""
        connection = openstack_sfs.connect(
            load_yaml_config=False,
            load_envvars=False,
            auth_url=self.fake.auth_url,
            user_id=user.id,
            password=password,
            project_id=project.id,
            region_name=self.fake.config.region,
        )
        self.addCleanup(connection.close)
        return connection


class TestIdentityProxy(IdentityTestCase):
    def test_default_domain_and_project_lifecycle(self) -> None:
        # openstacksdk's QuotaClassSetTest: GET /v3/domains/default, then
        # a temporary project
        domain = self.identity.get_domain("default")
        self.assertEqual(("default", "Default"), (domain.id, domain.name))
        project = self.sdk_admin.create_project(
            name="sdk-temp", domain_id=domain.id, description="t"
        )
        self.assertEqual("sdk-temp", project.name)
        found = self.identity.find_project("sdk-temp")
        self.assertEqual(project.id, found.id)
        self.assertTrue(self.sdk_admin.delete_project(project.id))
        self.assertIsNone(self.identity.find_project("sdk-temp"))

    def test_openstacksdk_temporary_project(self) -> None:
        # openstacksdk's functional base create_temporary_project and its
        # cleanup, through the cloud layer
        cloud = self.sdk_admin
        self.assertIsNone(cloud.get_project("sdk-temporary"))
        domain = cloud.get_domain("default")
        project = cloud.create_project(
            name="sdk-temporary", description="d", domain_id=domain["id"]
        )
        user_id = cloud.current_user_id
        self.assertEqual(
            [],
            cloud.list_role_assignments(
                {"user": user_id, "project": project["id"]}
            ),
        )
        cloud.grant_role(
            "member", user=user_id, project=project["id"], wait=True
        )
        assignments = cloud.list_role_assignments(
            {"user": user_id, "project": project["id"]}
        )
        member = cloud.get_role("member")
        self.assertEqual([member["id"]], [a.role["id"] for a in assignments])
        # the admin can now scope to the new project
        scoped = openstack.connect(
            load_yaml_config=False,
            load_envvars=False,
            **{
                **self.fake.credentials("admin"),
                "project_name": "sdk-temporary",
            },
        )
        self.addCleanup(scoped.close)
        self.assertEqual(project["id"], scoped.current_project_id)
        self.assertTrue(
            cloud.revoke_role("member", user=user_id, project=project.id)
        )
        self.assertTrue(cloud.delete_project(project.id))
        self.assertIsNone(cloud.get_project("sdk-temporary"))

    def test_users_roles_and_assignments(self) -> None:
        project, user = self.new_member(name="alpha")
        self.assertEqual("alpha-user", self.identity.get_user(user).name)
        names = {r.name for r in self.identity.roles()}
        self.assertLessEqual({"admin", "member", "reader", "service"}, names)
        self.assertTrue(
            self.identity.validate_user_has_project_role(
                project, user, self.identity.find_role("member")
            )
        )
        self.assertFalse(
            self.identity.validate_user_has_project_role(
                project, user, self.identity.find_role("admin")
            )
        )
        effective = list(
            self.identity.role_assignments(user_id=user.id, effective=True)
        )
        self.assertEqual(
            {self.identity.find_role(n).id for n in ("member", "reader")},
            {a.role["id"] for a in effective},
        )
        self.assertEqual(
            [project.id],
            [p.id for p in self.identity.user_projects(user)],
        )
        self.assertRaises(
            exceptions.ConflictException,
            self.identity.create_user,
            name="alpha-user",
            domain_id="default",
        )

    def test_new_user_logs_in_and_manila_applies_roles(self) -> None:
        project, member = self.new_member("member", "m")
        conn = self.connect_as(member, project, "pw-m")
        share = conn.shared_file_system.create_share(
            share_protocol="NFS", size=1, name="by-member"
        )
        self.assertEqual(project.id, share.project_id)
        reader = self.identity.create_user(
            name="r-user", password="pw-r", domain_id="default"
        )
        self.addCleanup(self.identity.delete_user, reader, True)
        self.identity.assign_project_role_to_user(
            project, reader, self.identity.find_role("reader")
        )
        as_reader = self.connect_as(reader, project, "pw-r")
        self.assertEqual(
            [share.id],
            [s.id for s in as_reader.shared_file_system.shares()],
        )
        self.assertRaises(
            exceptions.ForbiddenException,
            as_reader.shared_file_system.create_share,
            share_protocol="NFS",
            size=1,
        )
        # a member cannot manage users
        self.assertRaises(
            exceptions.ForbiddenException,
            conn.identity.create_user,
            name="x",
            domain_id="default",
        )

    def test_deleted_user_loses_its_token(self) -> None:
        project, user = self.new_member(name="gone")
        auth = v3.Password(
            auth_url=self.fake.auth_url,
            user_id=user.id,
            password="pw-gone",
            project_id=project.id,
        )
        session = ks_session.Session(auth=auth)
        self.addCleanup(session.session.close)
        token = session.get_token()
        manila = self.fake.manila_url + "/shares"
        ok = session.get(manila, headers={"X-Auth-Token": token})
        self.assertEqual(200, ok.status_code)
        self.identity.delete_user(user)
        self.assertRaises(
            ks_exceptions.Unauthorized,
            session.get,
            manila,
            headers={"X-Auth-Token": token},
        )


class TestApplicationCredentials(IdentityTestCase):
    def test_application_credential_logs_in_to_manila(self) -> None:
        project, user = self.new_member(name="ac")
        conn = self.connect_as(user, project, "pw-ac")
        cred = conn.identity.create_application_credential(
            user.id, name="ci-cred"
        )
        self.assertTrue(cred.secret)
        auth = v3.ApplicationCredential(
            auth_url=self.fake.auth_url,
            application_credential_id=cred.id,
            application_credential_secret=cred.secret,
        )
        session = ks_session.Session(auth=auth)
        self.addCleanup(session.session.close)
        self.assertEqual(project.id, session.get_project_id())
        listed = session.get(
            self.fake.manila_url + "/shares",
            headers={"X-OpenStack-Manila-API-Version": "2.65"},
        )
        self.assertEqual(200, listed.status_code)
        conn.identity.delete_application_credential(user.id, cred.id)
        again = ks_session.Session(
            auth=v3.ApplicationCredential(
                auth_url=self.fake.auth_url,
                application_credential_id=cred.id,
                application_credential_secret=cred.secret,
            )
        )
        self.addCleanup(again.session.close)
        # Keystone: Could not find Application Credential (404)
        self.assertRaises(ks_exceptions.NotFound, again.get_token)


class TestTokenRules(IdentityTestCase):
    def test_foreign_token_validation_is_403(self) -> None:
        demo = v3.Password(**self._password_kwargs("demo"))
        alt = v3.Password(**self._password_kwargs("alt_demo"))
        demo_session = ks_session.Session(auth=demo)
        alt_session = ks_session.Session(auth=alt)
        for session in (demo_session, alt_session):
            self.addCleanup(session.session.close)
        alt_token = alt_session.get_token()
        url = self.fake.auth_url + "/auth/tokens"
        for method in ("GET", "HEAD", "DELETE"):
            response = demo_session.request(
                url,
                method,
                headers={"X-Subject-Token": alt_token},
                raise_exc=False,
            )
            self.assertEqual(403, response.status_code, method)
        own = demo_session.request(
            url,
            "GET",
            headers={"X-Subject-Token": demo_session.get_token()},
        )
        self.assertEqual("demo", own.json()["token"]["user"]["name"])
        # admin may validate anyone's token
        assert alt_token is not None
        checked = self.identity.validate_token(alt_token)
        self.assertEqual("alt_demo", checked.user["name"])

    def test_malformed_body_is_400_not_500(self) -> None:
        url = self.fake.auth_url + "/auth/tokens"
        session = ks_session.Session()
        self.addCleanup(session.session.close)
        response = session.post(
            url,
            json={
                "auth": {
                    "identity": {"methods": ["password"], "password": None}
                }
            },
            raise_exc=False,
        )
        self.assertEqual(400, response.status_code)
        self.assertTrue(
            response.json()["error"]["message"].startswith(
                "Invalid input for field 'identity/password'"
            )
        )

    def _password_kwargs(self, user: str) -> dict[str, Any]:
        creds = self.fake.credentials(user)
        return {
            key: creds[key]
            for key in (
                "auth_url",
                "username",
                "password",
                "project_name",
                "user_domain_name",
                "project_domain_name",
            )
        }
