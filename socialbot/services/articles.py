"""Storing articles and composing their posts: new, unchanged, or changed (recompose)."""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass, field, replace

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from socialbot.compose import compose
from socialbot.domain import (
    Account,
    ApprovalPolicy,
    Article,
    CardFormat,
    CardImage,
    PostKind,
    PostState,
    idempotency_key,
)
from socialbot.intake.errors import IntakeError
from socialbot.intake.photos import fetch_photo
from socialbot.intake.urls import canonical_url
from socialbot.render import render_cards
from socialbot.services.app import App
from socialbot.services.convert import content_hash, fill_article_row
from socialbot.store.queue import apply_transition, audit
from socialbot.store.tables import ArticleRow, CardRow, PostRow, utcnow

log = logging.getLogger("socialbot.articles")

# Posts in these states are out of our hands: an article update never touches them.
FROZEN_STATES = {
    PostState.PUBLISHING.value,
    PostState.PUBLISHED.value,
    PostState.AWAITING_MANUAL.value,
    PostState.CANCELLED.value,
}


class Outcome(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass
class StoredArticle:
    article_id: int
    outcome: Outcome
    posts_created: int = 0
    posts_recomposed: int = 0
    problems: list[str] = field(default_factory=list)


def find_article(session: Session, article: Article) -> ArticleRow | None:
    """The stored article with the same GUID, else the same canonical URL."""
    row = session.execute(sa.select(ArticleRow).where(ArticleRow.key == article.key)).scalar()
    if row is None:
        row = session.execute(
            sa.select(ArticleRow)
            .where(ArticleRow.canonical_url == canonical_url(article.url))
            .order_by(ArticleRow.id)
        ).scalars().first()
    return row


def store_article(app: App, article: Article, *, actor: str) -> StoredArticle:
    """Insert or update one article and its posts in one transaction.

    Two deliveries of one article at the same moment (a webhook retried, a feed polled by two
    workers) race to insert it: the loser finds the winner's row on its second try."""
    try:
        return _store_once(app, article, actor=actor)
    except IntegrityError:
        log.info("%s was stored by someone else meanwhile: checking it again", article.url)
        return _store_once(app, article, actor=actor)


def _store_once(app: App, article: Article, *, actor: str) -> StoredArticle:
    with app.sessions() as session:
        try:
            row = find_article(session, article)
            if row is None:
                result = _create(app, session, article, actor)
            elif row.content_hash == content_hash(article):
                result = StoredArticle(row.id, Outcome.UNCHANGED)
            else:
                result = _update(app, session, row, article, actor)
            session.commit()
            return result
        except BaseException:
            session.rollback()
            raise


def _create(app: App, session: Session, article: Article, actor: str) -> StoredArticle:
    row = ArticleRow()
    fill_article_row(row, article)
    problems = _attach_photo(app, row, article)
    session.add(row)
    # Posts are composed and their cards rendered before the first write, which is when
    # SQLite takes its database-wide write lock: the desk is never kept waiting on a render.
    created = _create_missing_posts(app, session, row, article, actor)
    audit(session, actor=actor, action="article-created", article_id=row.id,
          detail=f"{article.title[:200]} ({article.source or 'unknown source'})")
    return StoredArticle(row.id, Outcome.CREATED, posts_created=created, problems=problems)


def _update(app: App, session: Session, row: ArticleRow, article: Article,
            actor: str) -> StoredArticle:
    # Load everything the recompose needs before changing anything: a lazy load after a change
    # would flush it and take SQLite's write lock for the whole render.
    for post in row.posts:
        _ = post.card
    old_title, old_image, key = row.title, row.image_url, row.key
    photo_missing = row.photo is None
    fill_article_row(row, article)
    row.key = key  # the identity we first stored stays (idempotency keys derive from it)
    row.updated_at = utcnow()
    refetch = row.image_url != old_image or (photo_missing and article.image is not None)
    problems = _attach_photo(app, row, article) if refetch else []
    changes = []
    if old_title != row.title:
        changes.append(f"headline {old_title!r} -> {row.title!r}")
    if old_image != row.image_url:
        changes.append("new photo")
    audit(session, actor=actor, action="article-updated", article_id=row.id,
          detail="; ".join(changes) or "summary, tags or section changed")
    result = StoredArticle(row.id, Outcome.UPDATED, problems=problems)
    accounts = {a.name: a for a in app.settings.accounts}
    recomposable = [p for p in row.posts
                    if p.state not in FROZEN_STATES and not p.edited and p.account in accounts]
    compose_posts(app, article, [(p, accounts[p.account]) for p in recomposable])
    for post in recomposable:
        audit(session, actor=actor, action="recomposed", post_id=post.id, article_id=row.id,
              detail="article changed: text and card recomposed")
        _recheck_approval(session, post, accounts[post.account], article, actor)
        _auto_approve(session, post, accounts[post.account], article)
    for post in row.posts:
        if post.edited and post.state not in FROZEN_STATES:
            audit(session, actor=actor, action="kept-edit", post_id=post.id, article_id=row.id,
                  detail="article changed but the post was edited by hand: left as it is")
    result.posts_recomposed = len(recomposable)
    result.posts_created = _create_missing_posts(app, session, row, article, actor)
    return result


def _attach_photo(app: App, row: ArticleRow, article: Article) -> list[str]:
    """Fetch the photo once at intake; a failure is a note on the article, never a lost article."""

    row.photo, row.photo_problem = None, None
    if article.image is None:
        return []
    try:
        row.photo = fetch_photo(article.image.url, app.http)
    except IntakeError as exc:
        row.photo_problem = str(exc)
        log.warning("%s: the card uses the brand background", exc)
        return [str(exc)]
    return []


def accounts_for(app: App, article: Article) -> list[Account]:
    return [a for a in app.settings.accounts if a.takes(article.section)]


def _create_missing_posts(app: App, session: Session, row: ArticleRow, article: Article,
                          actor: str) -> int:
    existing = {(p.account, p.kind) for p in row.posts}
    new: list[tuple[PostRow, Account]] = []
    for account in accounts_for(app, article):
        for kind in account.kinds:
            if (account.name, kind.value) in existing:
                continue
            post = PostRow(
                article=row, account=account.name, platform=account.platform.value,
                kind=kind.value, generation=0, state=PostState.DRAFT.value, text="", link="",
                idempotency_key=idempotency_key(row.key, account.name, kind),
                priority=1 if article.breaking else 0,
            )
            session.add(post)
            new.append((post, account))
    compose_posts(app, article, new)
    session.flush()
    for post, account in new:
        audit(session, actor=actor, action="composed", post_id=post.id, article_id=row.id,
              to_state=PostState.DRAFT.value,
              detail="; ".join(post.problems) if post.problems else None)
        _auto_approve(session, post, account, article)
    return len(new)


def _recheck_approval(session: Session, post: PostRow, account: Account, article: Article,
                      actor: str) -> None:
    """A recomposed post is not the text an editor approved: where a person approves (or the
    new text has problems) it goes back to draft instead of out unseen."""
    if post.state not in (PostState.APPROVED.value, PostState.SCHEDULED.value):
        return
    if post.problems:
        why = "article changed and the new text has problems: " + "; ".join(post.problems)
    elif account.approval_for(article.section) is ApprovalPolicy.REQUIRED:
        why = "article changed after approval: approve the new text"
    else:
        return
    apply_transition(session, post, PostState.DRAFT, actor=actor, reason=why[:500],
                     scheduled_at=None)


def _auto_approve(session: Session, post: PostRow, account: Account, article: Article) -> None:
    """Approve a clean draft when the account posts this section automatically."""
    if (post.state == PostState.DRAFT.value and not post.problems
            and account.approval_for(article.section) is ApprovalPolicy.AUTO):
        apply_transition(session, post, PostState.APPROVED, actor="policy:auto",
                         reason=f"{account.name} posts {article.section or 'all'} "
                                "articles automatically")


def compose_posts(app: App, article: Article, posts: list[tuple[PostRow, Account]]) -> None:
    """(Re)compose text and cards; each card design renders all its formats from one decode."""

    wanted: dict[str, dict[CardFormat, str]] = {}
    for post, account in posts:
        composition = compose(article, account, PostKind(post.kind), app.compose_rules)
        post.text, post.alt_text = composition.text, composition.alt_text
        post.link, post.problems = composition.link, list(composition.problems)
        post.priority = 1 if article.breaking else 0
        post.updated_at = utcnow()
        design = account.design_for(article.section)
        wanted.setdefault(design, {})[PostKind(post.kind).card_format] = composition.alt_text
    photo = posts[0][0].article.photo if posts else None
    rendered: dict[tuple[str, CardFormat], CardImage] = {}
    for design, alt_texts in wanted.items():
        cards = render_cards(
            article, list(alt_texts), photo=photo, design=design,
            designs_dir=app.settings.cards_dir, site_name=app.settings.site_name,
            timezone=app.settings.timezone, alt_texts=alt_texts,
        )
        rendered.update({(design, fmt): card for fmt, card in cards.items()})
    for post, account in posts:
        fmt = PostKind(post.kind).card_format
        attach_card(post, rendered[(account.design_for(article.section), fmt)])


def attach_card(post: PostRow, card: CardImage) -> None:
    """Store a rendered card with its post (replacing an earlier one)."""
    if post.card is None:
        post.card = CardRow(format=card.format.value, design=card.design, width=card.width,
                            height=card.height, jpeg=card.jpeg, alt_text=card.alt_text,
                            warnings=list(card.warnings))
        return
    post.card.format, post.card.design = card.format.value, card.design
    post.card.width, post.card.height, post.card.jpeg = card.width, card.height, card.jpeg
    post.card.alt_text, post.card.warnings = card.alt_text, list(card.warnings)
    post.card.rendered_at = utcnow()


def render_post_card(app: App, post: PostRow, article: Article, account: Account) -> CardImage:
    """Render one post's card again (e.g. after an editor changed its headline)."""

    fmt = PostKind(post.kind).card_format
    if post.headline_override:
        article = replace(article, title=post.headline_override)
    cards = render_cards(
        article, [fmt], photo=post.article.photo, design=account.design_for(article.section),
        designs_dir=app.settings.cards_dir, site_name=app.settings.site_name,
        timezone=app.settings.timezone, alt_texts={fmt: post.alt_text},
    )
    return cards[fmt]
