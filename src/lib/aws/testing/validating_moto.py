"""moto's server, with every request from the AWS SDK for JavaScript checked against botocore's
service models first.

moto accepts request shapes that AWS refuses (unknown members, missing required ones, strings
where numbers belong), so a test against plain moto can pass while the same call fails on AWS.
This server records each such request as a violation, answers it with a 400 in the protocol's
error shape (as AWS would), and lists the violations at GET /_workshop/violations so the test
that started it (motoServer.ts) can fail naming them.

Usage: python validating_moto.py PORT   (binds 127.0.0.1)
"""

import io
import json
import os
import re
import signal
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Callable, Optional
from urllib.parse import parse_qsl

import botocore.loaders
from botocore.model import OperationModel, ServiceModel, ShapeResolver, StructureShape
from botocore.utils import parse_to_aware_datetime
from botocore.validate import ParamValidator
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.datastructures import EnvironHeaders
from werkzeug.serving import run_simple
from werkzeug.wrappers import Response

VIOLATIONS_PATH = "/_workshop/violations"
JS_SDK_MARK = "aws-sdk-js"
# SDK v3 names the operation in `x-id`; presigned URLs carry their signature as X-Amz-* keys.
IGNORED_QUERY_KEY = re.compile(r"^(x-id|x-amz-.*)$", re.IGNORECASE)
PAYLOAD_FREE_LOCATIONS = ("uri", "querystring", "header", "headers")
LOCAL_HOSTS = ("localhost", "127.0.0.1")

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class Violation(Exception):
    """A request AWS would refuse: `operation` names it, `detail` is botocore's report."""

    def __init__(self, operation: str, detail: str) -> None:
        super().__init__(f"{operation}: {detail}")


# --- botocore's models ---------------------------------------------------------------------


def scan_target_prefixes(loader: botocore.loaders.Loader) -> dict[str, str]:
    """Maps each JSON protocol's X-Amz-Target prefix to its botocore service name.

    Reads each model file without the loader's cache: keeping all ~450 models would cost
    hundreds of MB per server, and only their metadata is needed here.
    """
    prefixes: dict[str, str] = {}
    for service in loader.list_available_services("service-2"):
        version = loader.determine_latest_version(service, "service-2")
        for root in loader.search_paths:
            model = loader.file_loader.load_file(os.path.join(root, service, version, "service-2"))
            if model is not None:
                prefix = model.get("metadata", {}).get("targetPrefix")
                if prefix:
                    prefixes.setdefault(prefix, service)
                break
    return prefixes


class BotocoreModels:
    """botocore's models, loaded in the background: the scan takes seconds, moto's start too."""

    def __init__(self) -> None:
        self._loader = botocore.loaders.create_loader()
        self._ready = threading.Event()
        self._error: Optional[Exception] = None
        self._target_prefixes: dict[str, str] = {}
        self._services: dict[str, ServiceModel] = {}
        self._lock = threading.Lock()
        self._s3: Optional[S3Router] = None
        threading.Thread(target=self._load, name="botocore-models", daemon=True).start()

    def _load(self) -> None:
        try:
            self._target_prefixes = scan_target_prefixes(self._loader)
            self._s3 = S3Router(self._loader.load_service_model("s3", "service-2"))
        except Exception as error:  # raised again to every request that needs the models
            self._error = error
        finally:
            self._ready.set()

    def _wait(self) -> None:
        self._ready.wait()
        if self._error is not None:
            raise RuntimeError("loading botocore's models failed") from self._error

    def service(self, name: str) -> ServiceModel:
        with self._lock:
            if name not in self._services:
                model = self._loader.load_service_model(name, "service-2")
                self._services[name] = ServiceModel(model, service_name=name)
            return self._services[name]

    def json_operation(self, target: str) -> OperationModel:
        """The operation an `X-Amz-Target: <TargetPrefix>.<Operation>` header names."""
        self._wait()
        prefix, _, operation = target.rpartition(".")
        service = self._target_prefixes.get(prefix)
        if service is None:
            raise Violation(target, f"no AWS service has the X-Amz-Target prefix {prefix!r}")
        model = self.service(service)
        if operation not in model.operation_names:
            raise Violation(target, f"{service} has no operation {operation!r}")
        return model.operation_model(operation)

    @property
    def s3(self) -> "S3Router":
        self._wait()
        assert self._s3 is not None
        return self._s3


def report_violations(operation: str, params: dict[str, Any], shape: StructureShape) -> None:
    report = ParamValidator().validate(params, shape)
    if report.has_errors():
        raise Violation(operation, report.generate_report())


# --- JSON protocols (EMR, Cognito) ---------------------------------------------------------


def read_body(environ: dict[str, Any]) -> bytes:
    """Reads the whole body and puts it back for moto to read again."""
    stream = environ["wsgi.input"]
    length = environ.get("CONTENT_LENGTH")
    if length:
        body = stream.read(int(length))
    elif environ.get("wsgi.input_terminated"):
        body = stream.read()
    else:
        body = b""
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    return body


def check_json_request(models: BotocoreModels, target: str, body: bytes) -> None:
    operation = models.json_operation(target)
    name = f"{operation.service_model.service_name} {operation.name}"
    try:
        params = json.loads(body) if body.strip() else {}
    except ValueError as error:
        raise Violation(name, f"the body is not JSON ({error})") from None
    if not isinstance(params, dict):
        raise Violation(name, f"the body is not a JSON object: {body[:200]!r}")
    if operation.input_shape is None:
        if params:
            raise Violation(name, f"takes no input, got {sorted(params)}")
        return
    report_violations(name, params, operation.input_shape)


# --- S3 (rest-xml, path-style) -------------------------------------------------------------


def uri_template_pattern(request_uri_path: str) -> re.Pattern[str]:
    """`/{Bucket}/{Key+}` -> a regex with a group per label; `{Label+}` spans slashes."""
    pattern = ""
    for literal, label, greedy in re.findall(r"([^{]*)(?:\{(\w+)(\+?)\})?", request_uri_path):
        pattern += re.escape(literal)
        if label:
            pattern += f"(?P<{label}>.+)" if greedy else f"(?P<{label}>[^/]+)"
    # S3 reads `/bucket/` as `/bucket`; a greedy label keeps its trailing slash (key `dir/`).
    if not request_uri_path.endswith("+}"):
        pattern += "/?"
    return re.compile(pattern)


@dataclass
class S3Request:
    method: str
    path: str
    query_string: str
    headers: EnvironHeaders

    @property
    def query(self) -> list[tuple[str, str]]:
        return parse_qsl(self.query_string, keep_blank_values=True)

    @property
    def line(self) -> str:
        """`GET /bucket?list-type=2`, to name the request in a violation."""
        return f"{self.method} {self.path}" + (f"?{self.query_string}" if self.query_string else "")

    @property
    def query_keys(self) -> set[str]:
        return {key for key, _ in self.query if not IGNORED_QUERY_KEY.match(key)}

    @property
    def x_id(self) -> Optional[str]:
        return next((value for key, value in self.query if key == "x-id"), None)


class S3Operation:
    """One S3 operation's HTTP binding: where each of its members travels in a request."""

    def __init__(self, operation: OperationModel, shapes: dict[str, Any]) -> None:
        self.name = operation.name
        self.method = operation.http["method"]
        self.deprecated = bool(operation.deprecated)
        uri_path, _, uri_query = operation.http["requestUri"].partition("?")
        self.path = uri_template_pattern(uri_path)
        # Keys the requestUri itself carries (`?cors`, `?list-type=2`) tell operations apart.
        self.literal_query = dict(parse_qsl(uri_query, keep_blank_values=True))
        self.query_members: dict[str, str] = {}
        self.header_members: dict[str, str] = {}
        self.header_prefix_members: dict[str, str] = {}
        members = operation.input_shape.members if operation.input_shape else {}
        for member, shape in members.items():
            location = shape.serialization.get("location")
            location_name = shape.serialization.get("name", member)
            if location == "querystring":
                self.query_members[location_name] = member
            elif location == "header":
                self.header_members[location_name.lower()] = member
            elif location == "headers":
                self.header_prefix_members[location_name.lower()] = member
        self.shape = self._located_members_shape(operation, shapes)

    @staticmethod
    def _located_members_shape(operation: OperationModel, shapes: dict[str, Any]) -> StructureShape:
        """The input shape without its XML payload members, which this server does not read
        (uploads can be large or streamed): their `required` must not count as missing."""
        input_shape = operation.input_shape
        if input_shape is None:
            return StructureShape(f"{operation.name}Request", {"type": "structure", "members": {}})
        model = dict(shapes[input_shape.name])
        model["members"] = {
            name: member
            for name, member in model.get("members", {}).items()
            if member.get("location") in PAYLOAD_FREE_LOCATIONS
        }
        model["required"] = [name for name in model.get("required", []) if name in model["members"]]
        return StructureShape(input_shape.name, model, ShapeResolver(shapes))

    def matches(self, request: S3Request) -> Optional[dict[str, str]]:
        """The URI labels (Bucket, Key) if this operation answers the request's method, path
        and the query keys its requestUri requires."""
        if request.method != self.method:
            return None
        match = self.path.fullmatch(request.path)
        if match is None:
            return None
        given = dict(request.query)
        for key, value in self.literal_query.items():
            if key not in given or (value and given[key] != value):
                return None
        return match.groupdict()

    def specificity(self, request: S3Request) -> tuple[int, int, int, int, int]:
        """Higher is a better fit: the operation SDK v3 names in `x-id`, then the most
        requestUri keys, the required members the request carries, the query keys this
        operation names, and a current operation over a deprecated twin."""
        required = set(self.shape.required_members)
        headers = {name.lower() for name, _ in request.headers.items()}
        keys = request.query_keys
        carried = sum(
            1 for key, member in self.query_members.items() if key in keys and member in required
        )
        carried += sum(
            1
            for name, member in self.header_members.items()
            if name in headers and member in required
        )
        named = sum(1 for key in keys if key in self.query_members or key in self.literal_query)
        return (
            int(request.x_id == self.name),
            len(self.literal_query),
            carried,
            named,
            int(not self.deprecated),
        )

    def params(self, request: S3Request, labels: dict[str, str]) -> dict[str, Any]:
        params: dict[str, Any] = dict(labels)
        for key, value in request.query:
            member = self.query_members.get(key)
            if member is not None:
                params[member] = from_wire(value, self.shape.members[member])
        for name, value in request.headers.items():
            lowered = name.lower()
            member = self.header_members.get(lowered)
            if member is not None:
                params[member] = from_wire(value, self.shape.members[member])
            for prefix, map_member in self.header_prefix_members.items():
                if lowered.startswith(prefix):
                    params.setdefault(map_member, {})[lowered[len(prefix) :]] = value
        # Headers no member names are left out: browsers and SDKs send many (Authorization,
        # amz-sdk-*, Origin...). Query keys are the caller's own choice: S3Router reports
        # the unknown ones.
        return params

    def unknown_query_keys(self, request: S3Request) -> list[str]:
        return sorted(
            key
            for key in request.query_keys
            if key not in self.query_members and key not in self.literal_query
        )


def from_wire(value: str, shape: Any) -> Any:
    """A header or query string as the member's type; left a string when it is not one, so
    botocore's validator names the member and the wrong value."""
    kind = shape.type_name
    try:
        if kind in ("integer", "long") and re.fullmatch(r"[+-]?\d+", value.strip()):
            return int(value)
        if kind in ("double", "float"):
            return float(value)
        if kind == "boolean" and value in ("true", "false"):
            return value == "true"
        if kind == "timestamp":
            return parse_to_aware_datetime(value)
        if kind == "list":
            return [from_wire(item.strip(), shape.member) for item in value.split(",")]
    except (TypeError, ValueError, OverflowError):
        pass
    return value


class S3Router:
    """Picks the S3 operation a path-style request is, from the s3 model's HTTP bindings."""

    def __init__(self, model: dict[str, Any]) -> None:
        service = ServiceModel(model, service_name="s3")
        self.operations = [
            S3Operation(service.operation_model(name), model["shapes"])
            for name in service.operation_names
        ]

    def operation(self, request: S3Request) -> tuple[S3Operation, dict[str, str]]:
        candidates = [
            (operation, labels)
            for operation in self.operations
            if (labels := operation.matches(request)) is not None
        ]
        if not candidates:
            raise Violation(
                f"s3 ({request.line})",
                "no S3 operation answers this method, path and query "
                f"{sorted(request.query_keys) or '(none)'}",
            )
        best = max(operation.specificity(request) for operation, _ in candidates)
        tied = [(op, labels) for op, labels in candidates if op.specificity(request) == best]
        # Operations that share an HTTP binding (GetBucketLifecycle and
        # GetBucketLifecycleConfiguration): the request is fine if it is valid for one of them.
        return min(tied, key=lambda pair: len(self._problems(request, *pair)))

    @staticmethod
    def _problems(request: S3Request, operation: S3Operation, labels: dict[str, str]) -> list[str]:
        problems = []
        report = ParamValidator().validate(operation.params(request, labels), operation.shape)
        if report.has_errors():
            problems.append(report.generate_report())
        unknown = operation.unknown_query_keys(request)
        if unknown:
            known = sorted(set(operation.query_members) | set(operation.literal_query))
            problems.append(
                f"Unknown query parameter(s) in input: {', '.join(map(repr, unknown))}, "
                f"must be one of: {', '.join(known) or '(none)'}"
            )
        return problems

    def check(self, request: S3Request) -> None:
        operation, labels = self.operation(request)
        problems = self._problems(request, operation, labels)
        if problems:
            raise Violation(f"s3 {operation.name} ({request.line})", "\n".join(problems))


def s3_request(environ: dict[str, Any]) -> S3Request:
    # The WSGI server hands over the path as latin-1 text of its bytes; keys are UTF-8.
    path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "replace")
    return S3Request(
        method=environ.get("REQUEST_METHOD", "GET"),
        path=path,
        query_string=environ.get("QUERY_STRING", ""),
        headers=EnvironHeaders(environ),
    )


# --- the middleware ------------------------------------------------------------------------


def signing_service(environ: dict[str, Any]) -> Optional[str]:
    """The service a SigV4 request is signed for (`Credential=key/date/region/SERVICE/...`)."""
    authorization = environ.get("HTTP_AUTHORIZATION", "")
    match = re.search(r"Credential=[^/,]*/[^/]*/[^/]*/([^/,]+)/", authorization)
    if match:
        return match.group(1)
    query = dict(parse_qsl(environ.get("QUERY_STRING", "")))
    credential = query.get("X-Amz-Credential", "").split("/")
    return credential[3] if len(credential) > 3 else None


def from_js_sdk(environ: dict[str, Any]) -> bool:
    """Only the project's JavaScript is checked: Hadoop's S3A (AWS SDK for Java) also calls
    this server in the tests, with requests this project does not shape."""
    agents = environ.get("HTTP_X_AMZ_USER_AGENT", "") + " " + environ.get("HTTP_USER_AGENT", "")
    return JS_SDK_MARK in agents


def should_check(environ: dict[str, Any]) -> bool:
    path = environ.get("PATH_INFO", "")
    return (
        environ.get("REQUEST_METHOD") != "OPTIONS"  # CORS preflights carry no parameters
        and not path.startswith("/moto-api")
        and from_js_sdk(environ)
    )


def cors_headers(environ: dict[str, Any]) -> dict[str, str]:
    """So that a page's SDK reads the 400 instead of seeing a CORS failure."""
    origin = environ.get("HTTP_ORIGIN")
    if not origin:
        return {}
    return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}


def json_error(violation: Violation, environ: dict[str, Any]) -> Response:
    body = json.dumps({"__type": "ValidationException", "message": str(violation)})
    headers = {"x-amzn-ErrorType": "ValidationException", **cors_headers(environ)}
    return Response(body, 400, headers, content_type="application/x-amz-json-1.1")


def s3_error(violation: Violation, environ: dict[str, Any]) -> Response:
    message = str(violation).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>InvalidArgument</Code><Message>{message}</Message></Error>"
    )
    return Response(body, 400, cors_headers(environ), content_type="application/xml")


class ValidatingApp:
    """WSGI middleware in front of moto: refuses and records what botocore's models refuse."""

    def __init__(self, app: WsgiApp, models: BotocoreModels) -> None:
        self.app = app
        self.models = models
        self._violations: list[str] = []
        self._lock = threading.Lock()

    def record(self, message: str) -> None:
        print(f"validating_moto: {message}", file=sys.stderr, flush=True)
        with self._lock:
            self._violations.append(message)

    def violations(self) -> list[str]:
        with self._lock:
            return list(self._violations)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if environ.get("PATH_INFO") == VIOLATIONS_PATH:
            response = Response(json.dumps(self.violations()), content_type="application/json")
            return response(environ, start_response)
        if should_check(environ):
            refusal = self.refusal(environ)
            if refusal is not None:
                return refusal(environ, start_response)
        return self.app(environ, start_response)

    def refusal(self, environ: dict[str, Any]) -> Optional[Response]:
        """The 400 AWS would answer, or None when the request is valid."""
        target = environ.get("HTTP_X_AMZ_TARGET")
        try:
            if target:
                check_json_request(self.models, target, read_body(environ))
            else:
                self.check_rest_request(environ)
        except Violation as violation:
            self.record(str(violation))
            return json_error(violation, environ) if target else s3_error(violation, environ)
        except Exception as error:
            # A request this checker fails on is not a checked one: record it (so stop() fails)
            # and let moto answer.
            self.record(f"validating_moto could not check {environ.get('PATH_INFO')}: {error!r}")
        return None

    def check_rest_request(self, environ: dict[str, Any]) -> None:
        service = signing_service(environ)
        if service not in (None, "s3"):
            raise Violation(
                service, "no validator for this service's requests in validating_moto.py"
            )
        host = environ.get("HTTP_HOST", "").rsplit(":", 1)[0]
        if host not in LOCAL_HOSTS:
            raise Violation("s3", f"host {host!r}: only path-style requests are checked")
        self.models.s3.check(s3_request(environ))


def main(argv: list[str]) -> None:
    if len(argv) != 1 or not argv[0].isdigit():
        sys.exit("usage: validating_moto.py PORT")
    port = int(argv[0])
    # As moto_server does: moto builds its own URLs (presigned, self-calls) from MOTO_PORT.
    os.environ.setdefault("MOTO_PORT", str(port))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    moto = DomainDispatcherApplication(create_backend_app)
    moto.debug = True  # type: ignore[attr-defined]  # as moto_server sets it
    app = ValidatingApp(moto, BotocoreModels())
    run_simple("127.0.0.1", port, app, threaded=True, request_handler=MotoRequestHandler)


if __name__ == "__main__":
    main(sys.argv[1:])
