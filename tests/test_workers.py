"""Money under Odoo's multi-process server (issue #14): two worker processes serve two people at
the same moment, and the fund lock and the donor attribution stay right across processes.

The test starts `odoo-bin --workers=2 --max-cron-threads=1` on the test database, commits its own
data there (a fund of its own, in a hospital of its own, so that nothing else of the suite sees
it), and sends pairs of JSON-RPC calls released together by a barrier, as two finance officers or
two managers clicking at once:
- two approvals that together exceed the fund: exactly one passes, the other is refused;
- two payments of the same allocation: one entry is posted, the other call is refused;
- two payments of different allocations: both pass, and every gift is attributed at most once.
After each round the documents and the ledger agree (ctxh.fund._ctxh_check_consistency).
"""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import unittest
import urllib.error
import urllib.request
import uuid
from functools import partial

import odoo
from odoo import Command, api

ROUNDS = 3
PASSWORD = "workers-test-password"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    """A person calling the server over JSON-RPC with their login and password."""

    def __init__(self, url, db, login):
        self.url = url
        self.db = db
        self.login = login
        self.uid = self._call("common", "login", [db, login, PASSWORD])

    def _call(self, service, method, args):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": service, "method": method, "args": args},
        }
        request = urllib.request.Request(
            f"{self.url}/jsonrpc", json.dumps(payload).encode(), {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            answer = json.loads(response.read())
        if "error" in answer:
            raise RuntimeError(answer["error"]["data"].get("message") or answer["error"]["message"])
        return answer["result"]

    def execute(self, model, method, *args):
        return self._call(
            "object", "execute_kw", [self.db, self.uid, PASSWORD, model, method, list(args), {}]
        )


def together(*calls):
    """Run the calls in threads released at the same instant; [(result or None, error or None)]."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            results[index] = (call(), None)
        except RuntimeError as error:
            results[index] = (None, str(error))

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    return results


class TestMoneyAcrossWorkers(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.db = odoo.tools.config["db_name"]
        cls.registry = odoo.modules.registry.Registry(cls.db)
        cls.tag = uuid.uuid4().hex[:6].upper()
        cls._prepare_data()
        cls.port = free_port()
        cls.url = f"http://127.0.0.1:{cls.port}"
        cls.server = cls._start_server()
        try:
            cls._wait_for_server()
        except Exception:
            cls._stop_server()
            raise

    @classmethod
    def tearDownClass(cls):
        cls._stop_server()
        super().tearDownClass()

    @classmethod
    def _start_server(cls):
        source = os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__)))
        config = odoo.tools.config
        logs = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), ".test-logs")
        os.makedirs(logs, exist_ok=True)
        cls.log = open(os.path.join(logs, "workers.log"), "w")  # noqa: SIM115 - open while the server runs
        command = [
            sys.executable,
            os.path.join(source, "odoo-bin"),
            f"--addons-path={config['addons_path']}",
            f"--database={cls.db}",
            f"--db-filter=^{cls.db}$",
            f"--db_host={config['db_host'] or '127.0.0.1'}",
            f"--db_port={config['db_port'] or 5432}",
            "--workers=2",
            "--max-cron-threads=1",
            f"--http-port={cls.port}",
            f"--gevent-port={free_port()}",
            "--http-interface=127.0.0.1",
            "--limit-time-real=300",
            "--limit-time-cpu=300",
            "--no-database-list",
            "--log-level=info",
        ]
        if config.get("db_user"):
            command.append(f"--db_user={config['db_user']}")
        return subprocess.Popen(
            command, stdout=cls.log, stderr=subprocess.STDOUT, env={**os.environ, "TZ": "UTC"}
        )

    @classmethod
    def _wait_for_server(cls):
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if cls.server.poll() is not None:
                raise RuntimeError(f"the multi-worker server stopped (exit code {cls.server.returncode})")
            try:
                with urllib.request.urlopen(f"{cls.url}/web/health", timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.5)
        raise RuntimeError("the multi-worker server did not answer within 120 s")

    @classmethod
    def _stop_server(cls):
        if cls.server and cls.server.poll() is None:
            cls.server.terminate()
            try:
                cls.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                cls.server.kill()
        cls.log.close()

    # ------------------------------------------------------------------
    # Data, committed in the database the server reads
    # ------------------------------------------------------------------
    @classmethod
    def _prepare_data(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(
                cr, odoo.SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True}
            )
            company = env["res.company"].create({"name": f"Bệnh viện Đa tiến trình {cls.tag}"})
            env = env(context=dict(env.context, allowed_company_ids=[company.id]))
            company.ctxh_second_approval_amount = 10**12
            company.ctxh_segregation_of_duties = False

            def user(login, group):
                return (
                    env["res.users"]
                    .with_context(no_reset_password=True)
                    .create(
                        {
                            "name": login,
                            "login": f"{login}_{cls.tag}".lower(),
                            "password": PASSWORD,
                            "company_id": company.id,
                            "company_ids": [Command.set(company.ids)],
                            "groups_id": [Command.set([env.ref(group).id])],
                            "tz": "Asia/Ho_Chi_Minh",
                        }
                    )
                )

            cls.logins = {
                name: user(name, group).login
                for name, group in (
                    ("officer", "ctxh_case.group_ctxh_officer"),
                    ("manager1", "ctxh_case.group_ctxh_manager"),
                    ("manager2", "ctxh_case.group_ctxh_manager"),
                    ("finance1", "ctxh_donation.group_ctxh_finance_officer"),
                    ("finance2", "ctxh_donation.group_ctxh_finance_officer"),
                )
            }
            officer = env["res.users"].search([("login", "=", cls.logins["officer"])])
            env["ctxh.team"].create({"name": f"Tổ {cls.tag}", "member_ids": [Command.set(officer.ids)]})
            patient = env["res.partner"].create({"name": f"Người bệnh {cls.tag}", "company_id": company.id})
            case = env["ctxh.case"].create(
                {
                    "partner_id": patient.id,
                    "case_type_id": env.ref("ctxh_case.case_type_financial").id,
                    "user_id": officer.id,
                    "company_id": company.id,
                }
            )
            env["ctxh.case.assessment"].create({"case_id": case.id}).action_done()
            case.stage_id = env.ref("ctxh_case.stage_services")
            cls.case_id = case.id
            cls.support_type_id = env.ref("ctxh_case.support_type_hospital_fees").id
            Account = env["account.account"].with_company(company)
            cls.funds = []
            for index in range(ROUNDS):
                code = f"{index}{cls.tag}"
                accounts = {
                    kind: Account.create(
                        {"name": f"{kind} {code}", "code": f"W{number}{code}", "account_type": kind}
                    )
                    for number, kind in enumerate(("asset_cash", "income_other", "expense", "asset_current"))
                }
                journal = env["account.journal"].create(
                    {
                        "name": f"Quỹ {code}",
                        "code": f"W{index}{cls.tag}"[:5],
                        "type": "bank",
                        "default_account_id": accounts["asset_cash"].id,
                        "suspense_account_id": accounts["asset_current"].id,
                        "restrict_mode_hash_table": True,
                        "company_id": company.id,
                    }
                )
                fund = env["ctxh.fund"].create(
                    {
                        "name": f"Quỹ đa tiến trình {code}",
                        "code": f"W{code}",
                        "company_id": company.id,
                        "journal_id": journal.id,
                        "income_account_id": accounts["income_other"].id,
                        "expense_account_id": accounts["expense"].id,
                        "in_kind_account_id": accounts["asset_current"].id,
                    }
                )
                donor = env["res.partner"].create({"name": f"Nhà hảo tâm {code}"})
                donations = env["ctxh.donation"].create(
                    [
                        {
                            "partner_id": donor.id,
                            "fund_id": fund.id,
                            "channel": "cash",
                            "amount_currency": amount,
                            "company_id": company.id,
                        }
                        for amount in (400_000, 300_000, 300_000)
                    ]
                )
                donations.action_confirm()
                cls.funds.append(fund.id)

    def client(self, name):
        return Client(self.url, self.db, self.logins[name])

    def _request(self, officer, fund_id, amount):
        allocation_id = officer.execute(
            "ctxh.allocation",
            "create",
            {
                "case_id": self.case_id,
                "fund_id": fund_id,
                "support_type_id": self.support_type_id,
                "method": "bank",
                "amount": amount,
            },
        )
        officer.execute("ctxh.allocation", "action_submit", [allocation_id])
        return allocation_id

    def _check_books(self, fund_id):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            fund = env["ctxh.fund"].browse(fund_id)
            self.assertEqual(fund._ctxh_check_consistency(), [])
            balances = fund._get_balances()[fund_id]
            self.assertGreaterEqual(balances["available"], 0)
            cr.execute(
                """
                SELECT d.id, d.amount, d.attributed_amount, COALESCE(SUM(s.amount), 0)
                  FROM ctxh_donation d LEFT JOIN ctxh_allocation_source s ON s.donation_id = d.id
                 WHERE d.fund_id = %s GROUP BY d.id
                """,
                [fund_id],
            )
            for _id, amount, attributed, sources in cr.fetchall():
                self.assertLessEqual(attributed, amount)
                self.assertEqual(attributed, sources)
            cr.execute(
                """
                SELECT a.amount, COALESCE(SUM(s.amount), 0) FROM ctxh_allocation a
             LEFT JOIN ctxh_allocation_source s ON s.allocation_id = a.id
                 WHERE a.fund_id = %s AND a.state = 'paid' GROUP BY a.id
                """,
                [fund_id],
            )
            for amount, sources in cr.fetchall():
                self.assertEqual(amount, sources, "a paid allocation is attributed to gifts in full")
            return balances

    def test_two_people_at_once(self):
        officer = self.client("officer")
        managers = (self.client("manager1"), self.client("manager2"))
        finance = (self.client("finance1"), self.client("finance2"))
        for fund_id in self.funds:
            with self.subTest(fund=fund_id):
                # two approvals exceeding the 1,000,000 of the fund: one passes
                first = self._request(officer, fund_id, 700_000)
                second = self._request(officer, fund_id, 600_000)
                results = together(
                    partial(managers[0].execute, "ctxh.allocation", "action_approve", [first]),
                    partial(managers[1].execute, "ctxh.allocation", "action_approve", [second]),
                )
                errors = [error for _result, error in results if error]
                self.assertEqual(len(errors), 1, results)
                self.assertIn("Quỹ đa tiến trình", errors[0], "refused for the fund's available money")
                approved = first if results[0][1] is None else second
                # the same allocation paid twice at once: one entry
                results = together(
                    partial(finance[0].execute, "ctxh.allocation", "action_pay", [approved]),
                    partial(finance[1].execute, "ctxh.allocation", "action_pay", [approved]),
                )
                self.assertEqual(len([error for _result, error in results if error]), 1, results)
                # two allocations paid at once by two officers: both, each from the oldest gifts
                small = [self._request(officer, fund_id, 100_000) for _index in range(2)]
                for allocation_id in small:
                    managers[0].execute("ctxh.allocation", "action_approve", [allocation_id])
                results = together(
                    partial(finance[0].execute, "ctxh.allocation", "action_pay", [small[0]]),
                    partial(finance[1].execute, "ctxh.allocation", "action_pay", [small[1]]),
                )
                self.assertEqual([error for _result, error in results], [None, None], results)
                balances = self._check_books(fund_id)
                paid = 700_000 if approved == first else 600_000
                self.assertEqual(balances["disbursed"], paid + 200_000)
                self.assertEqual(balances["available"], 1_000_000 - paid - 200_000)
                # the public page, on a read-only route (a read replica would serve it), twice: the
                # second from the worker's cache; both show the money received and used
                for _time in range(2):
                    with urllib.request.urlopen(
                        f"{self.url}/ctxh/transparency/fund/{fund_id}", timeout=60
                    ) as page:
                        html = page.read().decode()
                    self.assertIn("Quỹ đa tiến trình", html)
                    self.assertIn("1.000.000", html)
                    self.assertIn(f"{paid + 200_000:,}".replace(",", "."), html)
