"""Grafana's error body shapes (contract §0.1, §0.2) as an exception the handlers raise."""

from __future__ import annotations

import random
from http import HTTPStatus
from typing import Any

JSONBody = dict[str, Any] | list[Any] | str | None


class ApiError(Exception):
    """An HTTP error response: status, JSON body and optional extra headers."""

    def __init__(self, status: int, body: JSONBody, headers: dict[str, str] | None = None) -> None:
        super().__init__(f"{status}: {body!r}")
        self.status = status
        self.body = body
        self.headers = headers or {}


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def message_error(status: int, message: str, *, trace: bool = False) -> ApiError:
    """Shape 1, ``response.Error``: ``{"message": m}`` (+ ``traceID`` when Go passed an error)."""
    if not message and status == 404:
        message = "Not Found"
    elif not message and status == 500:
        message = "Internal Server Error"
    body: dict[str, Any] = {"message": message}
    if trace:
        body["traceID"] = ""
    return ApiError(status, body)


def status_error(status: int, message: str, status_text: str) -> ApiError:
    """Shape 2, ``DashboardErr.Body()``: ``{"message": m, "status": s}`` (never a traceID)."""
    return ApiError(status, {"message": message, "status": status_text})


def errutil_error(
    status: int, message_id: str, message: str = "", *, with_extra: bool = True
) -> ApiError:
    """Shape 3, ``errutil.PublicError``; ``extra`` only on the middleware path."""
    body: dict[str, Any] = {
        "message": message or _reason(status),
        "messageId": message_id,
        "statusCode": status,
        "traceID": "",
    }
    if with_extra:
        body["extra"] = None
    return ApiError(status, dict(sorted(body.items())))


def access_denied(evaluator: str) -> ApiError:
    """RBAC middleware denial (§0.2) with a random ``ACE`` access error id."""
    ace = "ACE" + "".join(random.choice("0123456789") for _ in range(10))
    return ApiError(
        403,
        {
            "accessErrorId": ace,
            "message": (
                "You'll need additional permissions to perform this action. "
                f"Permissions needed: {evaluator}"
            ),
            "title": "Access denied",
        },
    )


def bad_request_data() -> ApiError:
    return message_error(400, "bad request data", trace=True)


def not_found_route() -> ApiError:
    return ApiError(404, {"message": "Not found"})


def folder_not_found() -> ApiError:
    return status_error(404, "folder not found", "not-found")
