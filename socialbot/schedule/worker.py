"""The worker: APScheduler jobs that poll feeds, plan slots, reconcile and publish.

APScheduler keeps its jobs in memory per process (its job stores cannot be shared between
processes); the database coordinates several workers through leases.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
from dataclasses import dataclass, field
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler

from socialbot.services.app import App
from socialbot.services.intake import poll_feeds
from socialbot.services.publishing import (
    DispatchReport,
    dispatch_due,
    plan_approved,
    reconcile_expired,
)

log = logging.getLogger("socialbot.worker")


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class RunSummary:
    polls: int = 0
    articles: int = 0
    planned: int = 0
    published: int = 0
    manual: int = 0
    failed: int = 0
    feed_errors: list[str] = field(default_factory=list)


class Worker:
    """Runs the jobs; ``stop`` lets the post in hand finish and leaves the rest scheduled."""

    def __init__(self, app: App, *, name: str | None = None) -> None:
        self.app = app
        self.name = name or worker_name()
        self.stop = threading.Event()

    def poll(self, summary: RunSummary | None = None) -> None:
        for report in poll_feeds(self.app):
            if report.error:
                log.warning("%s", report.error)
                if summary:
                    summary.feed_errors.append(report.error)
            for problem in report.problems:
                log.info("%s", problem)
            if summary:
                summary.articles += sum(1 for s in report.stored if s.outcome.value == "created")
        if summary:
            summary.polls += 1

    def plan(self) -> int:
        return plan_approved(self.app)

    def dispatch(self) -> DispatchReport:
        report = reconcile_expired(self.app, worker=self.name)
        more = dispatch_due(self.app, worker=self.name, stop=self.stop)
        for name in ("published", "manual", "retried", "failed", "held"):
            getattr(report, name).extend(getattr(more, name))
        return report

    def run_once(self, *, poll: bool = True) -> RunSummary:
        """Run every job until nothing is due, then return (for scripts, tests and the demo)."""
        summary = RunSummary()
        if poll:
            self.poll(summary)
        while not self.stop.is_set():
            summary.planned += self.plan()
            report = self.dispatch()
            summary.published += len(report.published)
            summary.manual += len(report.manual)
            summary.failed += len(report.failed)
            if report.handled == 0 and not report.held:
                break  # nothing was due (held accounts' posts wait for a person)
        return summary

    def run_forever(self) -> None:
        """Run the jobs on their intervals until SIGTERM or SIGINT; the post in hand finishes."""
        settings = self.app.settings
        scheduler = BackgroundScheduler(timezone="UTC", job_defaults={
            "coalesce": True, "max_instances": 1, "misfire_grace_time": 60})
        now = self.app.clock()
        scheduler.add_job(self.poll, "interval", minutes=settings.intake.poll_interval_minutes,
                          id="poll-feeds", next_run_time=now)
        scheduler.add_job(self.plan, "interval", seconds=settings.schedule.dispatch_interval_seconds,
                          id="plan-slots", next_run_time=now)
        scheduler.add_job(self.dispatch, "interval",
                          seconds=settings.schedule.dispatch_interval_seconds, id="dispatch",
                          next_run_time=now)

        def _stop(signum: int, _frame: FrameType | None) -> None:
            log.info("signal %s: finishing the post in hand, then stopping", signum)
            self.stop.set()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        scheduler.start()
        log.info("worker %s started", self.name)
        while not self.stop.wait(1.0):
            pass
        # The dispatch job sees ``stop`` between posts: the one in hand is finished, the rest
        # stay scheduled for the next worker.
        scheduler.shutdown(wait=True)
        log.info("worker %s stopped", self.name)
