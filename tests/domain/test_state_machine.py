"""The post state machine in one place."""

import itertools

import pytest

from socialbot.domain import (
    Account,
    ApprovalPolicy,
    IllegalTransition,
    Platform,
    PostKind,
    PostState,
    check_transition,
    idempotency_key,
)
from socialbot.domain.post import TRANSITIONS


def test_happy_path_is_allowed() -> None:
    path = ["draft", "approved", "scheduled", "publishing", "published"]
    for a, b in itertools.pairwise(path):
        check_transition(PostState(a), PostState(b))


@pytest.mark.parametrize(("src", "dst"), [("draft", "published"), ("published", "draft"),
                                          ("rejected", "scheduled"), ("approved", "publishing")])
def test_illegal_moves_name_both_states(src: str, dst: str) -> None:
    with pytest.raises(IllegalTransition, match=f"{src} post cannot become {dst}"):
        check_transition(PostState(src), PostState(dst))


def test_every_state_has_an_entry() -> None:
    assert set(TRANSITIONS) == set(PostState)


def test_idempotency_key_separates_account_kind_and_generation() -> None:
    keys = {idempotency_key("g", a, k, n) for a in ("x", "y") for k in PostKind for n in (0, 1)}
    assert len(keys) == 2 * len(PostKind) * 2
    assert idempotency_key("g", "x", PostKind.X_POST) == idempotency_key("g", "x", PostKind.X_POST)


def test_account_policy_per_section() -> None:
    acc = Account("x-main", Platform.X, "news", approval=ApprovalPolicy.AUTO,
                  section_approval={"politics": ApprovalPolicy.REQUIRED})
    assert acc.approval_for("Politics") is ApprovalPolicy.REQUIRED
    assert acc.approval_for("sports") is ApprovalPolicy.AUTO
    assert acc.kinds == (PostKind.X_POST,)
    with pytest.raises(ValueError, match="not a x post"):
        Account("x2", Platform.X, "n", kinds=(PostKind.IG_FEED,))
