"""Response bodies shaped like the platforms' real ones (X API v2 docs, instagrapi's private
API shapes, YouTube Data/Analytics API references, the youtubei web client)."""

from __future__ import annotations

X_USER_ID = "1587345610416558081"
X_TWEET_ID = "1880028106020515840"
X_MEDIA_ID = "1880028106020515841"

X_MEDIA_UPLOAD = {
    "data": {
        "id": X_MEDIA_ID,
        "media_key": f"3_{X_MEDIA_ID}",
        "size": 48213,
        "expires_after_secs": 86400,
        "image": {"image_type": "image/jpeg", "w": 1600, "h": 900},
    }
}
X_METADATA = {"data": {"id": X_MEDIA_ID, "associated_metadata": True}}
X_CREATE = {"data": {"id": X_TWEET_ID, "edit_history_tweet_ids": [X_TWEET_ID], "text": "..."}}
X_ME = {"data": {"id": X_USER_ID, "name": "The Newsroom", "username": "newsroom"}}


def x_timeline(link: str) -> dict:
    return {
        "data": [
            {
                "id": "1880000000000000001",
                "edit_history_tweet_ids": ["1880000000000000001"],
                "created_at": "2026-01-14T09:12:44.000Z",
                "text": "Earlier story https://t.co/aaaaaaaaaa",
                "entities": {"urls": [{"start": 14, "end": 37, "url": "https://t.co/aaaaaaaaaa",
                                        "expanded_url": "https://news.example/other-story",
                                        "display_url": "news.example/other-story"}]},
            },
            {
                "id": X_TWEET_ID,
                "edit_history_tweet_ids": [X_TWEET_ID],
                "created_at": "2026-01-15T10:00:02.000Z",
                "text": "Drone deal signed https://t.co/bbbbbbbbbb",
                "entities": {"urls": [{"start": 18, "end": 41, "url": "https://t.co/bbbbbbbbbb",
                                        "expanded_url": link, "display_url": "news.example/drone…"}]},
            },
        ],
        "meta": {"result_count": 2, "newest_id": X_TWEET_ID, "oldest_id": "1880000000000000001"},
    }


X_TWEETS_METRICS = {
    "data": [
        {
            "id": X_TWEET_ID,
            "edit_history_tweet_ids": [X_TWEET_ID],
            "text": "Drone deal signed https://t.co/bbbbbbbbbb",
            "created_at": "2026-01-15T10:00:02.000Z",
            "public_metrics": {"retweet_count": 7, "reply_count": 3, "like_count": 41, "quote_count": 2,
                               "bookmark_count": 5, "impression_count": 5120},
            "non_public_metrics": {"impression_count": 5120, "url_link_clicks": 88, "user_profile_clicks": 4},
            "organic_metrics": {"impression_count": 5120, "like_count": 41, "reply_count": 3, "retweet_count": 7},
        }
    ]
}
X_DUPLICATE = {"detail": "You are not allowed to create a Tweet with duplicate content.",
               "type": "about:blank", "title": "Forbidden", "status": 403}
X_UNAUTHORIZED = {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"}
X_TOO_MANY = {"title": "Too Many Requests", "detail": "Too Many Requests", "type": "about:blank", "status": 429}

IG_USER_ID = "17841400000000001"
IG_MEDIA_PK = "3550123456789012345"


def ig_media(caption: str, pk: str = IG_MEDIA_PK, code: str = "C9xYzAbCdEf", likes: int = 120) -> dict:
    return {
        "pk": int(pk),
        "id": f"{pk}_{IG_USER_ID}",
        "code": code,
        "taken_at": 1768471202,
        "media_type": 1,
        "product_type": "feed",
        "user": {"pk": int(IG_USER_ID), "pk_id": IG_USER_ID, "username": "newsroom", "full_name": "The Newsroom",
                 "is_private": False, "profile_pic_url": "https://scontent.cdninstagram.com/v/t51/p.jpg"},
        "caption": {"pk": "18000000000000001", "text": caption, "created_at": 1768471202},
        "like_count": likes,
        "comment_count": 9,
        "image_versions2": {"candidates": [{"width": 1080, "height": 1350,
                                            "url": "https://scontent.cdninstagram.com/v/t51/x.jpg"}]},
        "original_width": 1080,
        "original_height": 1350,
        "accessibility_caption": "Card: drone deal signed",
    }


IG_ACCOUNT = {
    "status": "ok",
    "user": {"pk": int(IG_USER_ID), "username": "newsroom", "full_name": "The Newsroom", "is_private": False,
             "profile_pic_url": "https://scontent.cdninstagram.com/v/t51/p.jpg", "is_verified": True,
             "biography": "Istanbul newsroom", "external_url": "https://news.example", "is_business": True,
             "email": "desk@news.example", "phone_number": "", "gender": 3},
}
IG_FEEDBACK = {"message": "feedback_required", "feedback_title": "Try Again Later",
               "feedback_message": "We restrict certain activity to protect our community.",
               "spam": True, "status": "fail"}
IG_CHALLENGE = {"message": "challenge_required", "status": "fail", "lock": True,
                "challenge": {"url": "https://i.instagram.com/challenge/17841400000000001/AbCdEf/",
                              "api_path": "/challenge/17841400000000001/AbCdEf/", "hide_webview_header": True}}
IG_LOGIN_REQUIRED = {"message": "login_required", "logout_reason": 3, "status": "fail"}
IG_THROTTLED = {"message": "Please wait a few minutes before you try again.", "status": "fail"}

YT_CHANNEL_ID = "UCx1aBcDeFgHiJkLmNoPqRsT"
YT_TOKEN = {"access_token": "ya29.a0AfH6SMBexampleexample", "expires_in": 3599,
            "scope": "https://www.googleapis.com/auth/youtube.readonly https://www.googleapis.com/auth/yt-analytics.readonly",
            "token_type": "Bearer"}
YT_CHANNELS = {
    "kind": "youtube#channelListResponse",
    "etag": "x1",
    "pageInfo": {"totalResults": 1, "resultsPerPage": 5},
    "items": [{
        "kind": "youtube#channel", "etag": "x2", "id": YT_CHANNEL_ID,
        "snippet": {"title": "The Newsroom", "description": "News from Istanbul", "customUrl": "@newsroom",
                    "publishedAt": "2015-03-01T10:00:00Z"},
        "statistics": {"viewCount": "1834022", "subscriberCount": "48200", "hiddenSubscriberCount": False,
                       "videoCount": "612"},
    }],
}
YT_ANALYTICS = {
    "kind": "youtubeAnalytics#resultTable",
    "columnHeaders": [
        {"name": "day", "columnType": "DIMENSION", "dataType": "STRING"},
        {"name": "views", "columnType": "METRIC", "dataType": "INTEGER"},
        {"name": "likes", "columnType": "METRIC", "dataType": "INTEGER"},
    ],
    "rows": [["2026-01-14", 1520, 88], ["2026-01-15", 1711, 93]],
}


def google_error(status: int, reason: str, message: str) -> dict:
    return {"error": {"code": status, "message": message,
                      "errors": [{"message": message, "domain": "youtube.quota", "reason": reason}]}}


YT_BROWSE_POSTS = {
    "responseContext": {"mainAppWebResponseContext": {"loggedOut": False, "datasyncId": "1|2"}},
    "contents": {"twoColumnBrowseResultsRenderer": {"tabs": [{"tabRenderer": {
        "title": "Posts", "selected": True,
        "content": {"sectionListRenderer": {"contents": [{"itemSectionRenderer": {"contents": [
            {"backstagePostCreationRenderer": {"createBackstagePostEndpoint": {
                "commandMetadata": {"webCommandMetadata": {"sendPost": True, "apiUrl": "/youtubei/v1/backstage/create_post"}},
                "createBackstagePostEndpoint": {"createBackstagePostParams": "EhhVQ3gxYUJjRGVGZ0hpSmtMbU5vUHFSc1QqAggB"}}}},
            {"backstagePostThreadRenderer": {"post": {"backstagePostRenderer": {
                "postId": "UgkxOLDPOSTid", "contentText": {"runs": [{"text": "Older story"}]}}}}},
        ]}}]}},
    }}]}},
}
YT_CREATE_POST = {
    "responseContext": {"mainAppWebResponseContext": {"loggedOut": False}},
    "actions": [{"createBackstagePostAction": {"insertionPoint": "BACKSTAGE_INSERTION_POINT_TOP",
        "post": {"backstagePostThreadRenderer": {"post": {"backstagePostRenderer": {
            "postId": "UgkxNEWPOSTid12345", "authorText": {"runs": [{"text": "The Newsroom"}]},
            "contentText": {"runs": [{"text": "Drone deal signed"}]}}}}}}}],
}
YT_LOGGED_OUT = {"responseContext": {"mainAppWebResponseContext": {"loggedOut": True}}}
YT_ATTESTATION = {"error": {"code": 400, "message": "Request contains an invalid argument: attestation required",
                            "status": "FAILED_PRECONDITION"}}
