"""
Runs moto's server in this process, with the Lambda gaps that matter to the auditor filled in.

Moto 5.2.1 emulates every API the auditor calls, except for these Lambda details, which real
AWS has and which the auditor's rules and `--fix` depend on:

1. `LoggingConfig` (advanced logging controls) is neither kept nor returned. Real AWS keeps it
   on CreateFunction and UpdateFunctionConfiguration and returns it from
   GetFunctionConfiguration and ListFunctions: `LogFormat` (default `Text`), `LogGroup`
   (default `/aws/lambda/<name>`), and for JSON the `ApplicationLogLevel` and `SystemLogLevel`
   (each `INFO` unless given). This launcher keeps and returns it the same way.
2. UpdateFunctionConfiguration ignores `TracingConfig`; real AWS applies it. Without this the
   auditor's tracing fix could not be observed.
3. ListFunctions returns every function on one page; real AWS pages by `MaxItems` (at most
   50) with `Marker`/`NextMarker`. Without this the auditor's paging would not be exercised.

Everything else is moto's own code, reached over the real AWS wire protocols.

Besides AWS, the server answers `POST /_emulator/seed` (JSON) for test set-up that has no
public API the project has a client for, or that would take minutes through the API:
  {"account": "...", "region": "...",
   "roles": ["name", ...],                       -> IAM roles (Lambda requires one to exist)
   "functions": [CreateFunction request, ...],   -> Lambda functions, directly in the backend
                                                    (Code may be omitted: a placeholder zip)
   "logGroups": [{"name", "retentionInDays"?, "kmsKeyId"?, "tags"?}, ...]}

Usage: python3 moto_launcher.py [--port 0]. Prints one JSON line {"port": N} once listening,
and stops when stdin closes (so the server never outlives the test process that started it).
"""

import argparse
import base64
import io
import json
import sys
import threading
import zipfile

from werkzeug.serving import make_server

from moto.awslambda import models as lambda_models
from moto.awslambda.responses import LambdaResponse
from moto.iam.models import iam_backends
from moto.logs.models import logs_backends
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

LIST_FUNCTIONS_MAX_ITEMS = 50
DEFAULT_JSON_LOG_LEVEL = "INFO"


def _logging_config(function_name, requested, current=None):
    config = dict(current or {})
    config.update(requested or {})
    config.setdefault("LogFormat", "Text")
    config.setdefault("LogGroup", f"/aws/lambda/{function_name}")
    if config["LogFormat"] == "JSON":
        config.setdefault("ApplicationLogLevel", DEFAULT_JSON_LOG_LEVEL)
        config.setdefault("SystemLogLevel", DEFAULT_JSON_LOG_LEVEL)
    else:
        # AWS accepts log levels only with the JSON format and drops them for Text.
        config.pop("ApplicationLogLevel", None)
        config.pop("SystemLogLevel", None)
    return config


_original_init = lambda_models.LambdaFunction.__init__
_original_get_configuration = lambda_models.LambdaFunction.get_configuration
_original_update_configuration = lambda_models.LambdaFunction.update_configuration


def _init(self, account_id, spec, region, version=1):
    _original_init(self, account_id, spec, region, version)
    self.logging_config = _logging_config(self.function_name, spec.get("LoggingConfig"))


def _get_configuration(self, on_create=False):
    config = _original_get_configuration(self, on_create)
    config["LoggingConfig"] = dict(self.logging_config)
    return config


def _update_configuration(self, config_updates):
    if "LoggingConfig" in config_updates:
        self.logging_config = _logging_config(self.function_name, config_updates["LoggingConfig"], self.logging_config)
    if "TracingConfig" in config_updates:
        self.tracing_config = {"Mode": config_updates["TracingConfig"].get("Mode", "PassThrough")}
    return _original_update_configuration(self, config_updates)


def _list_functions(self):
    version = self.querystring.get("FunctionVersion", [None])[0]
    marker = self.querystring.get("Marker", [None])[0]
    max_items = min(int(self.querystring.get("MaxItems", [LIST_FUNCTIONS_MAX_ITEMS])[0]), LIST_FUNCTIONS_MAX_ITEMS)
    functions = sorted(self.backend.list_functions(version), key=lambda fn: fn.function_name)
    start = int(marker) if marker else 0
    page = functions[start : start + max_items]
    result = {"Functions": [fn.get_configuration() for fn in page]}
    if start + max_items < len(functions):
        result["NextMarker"] = str(start + max_items)
    return json.dumps(result)


lambda_models.LambdaFunction.__init__ = _init
lambda_models.LambdaFunction.get_configuration = _get_configuration
lambda_models.LambdaFunction.update_configuration = _update_configuration
LambdaResponse.list_functions = _list_functions


def _placeholder_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.js", "exports.handler = async () => ({ statusCode: 200 });\n")
    return buffer.getvalue()


PLACEHOLDER_ZIP = _placeholder_zip()
TRUST_POLICY = json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
)


def seed(request):
    account = request["account"]
    region = request["region"]
    iam = iam_backends[account]["aws"]
    for role in request.get("roles", []):
        if not any(existing.name == role for existing in iam.roles.values()):
            iam.create_role(role, TRUST_POLICY, "/", None, "", [], None)
    lambdas = lambda_models.lambda_backends[account][region]
    for spec in request.get("functions", []):
        spec = dict(spec)
        # Moto's backend takes the zip base64-encoded, as the CreateFunction request carries it.
        spec["Code"] = {"ZipFile": base64.b64encode(PLACEHOLDER_ZIP).decode(), **(spec.get("Code") or {})}
        lambdas.create_function(spec)
    logs = logs_backends[account][region]
    for group in request.get("logGroups", []):
        logs.create_log_group(group["name"], group.get("tags") or {}, kmsKeyId=group.get("kmsKeyId"))
        if group.get("retentionInDays") is not None:
            logs.put_retention_policy(group["name"], group["retentionInDays"])
    return {
        "roles": len(request.get("roles", [])),
        "functions": len(request.get("functions", [])),
        "logGroups": len(request.get("logGroups", [])),
    }


class SeedingApplication:
    """Moto's WSGI application, plus the seeding endpoint."""

    def __init__(self, moto_app):
        self.moto_app = moto_app

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != "/_emulator/seed":
            return self.moto_app(environ, start_response)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        try:
            body = json.dumps(seed(json.loads(environ["wsgi.input"].read(length)))).encode()
            status = "200 OK"
        except Exception as error:  # the test reads the message; the server must keep running
            body = json.dumps({"error": f"{type(error).__name__}: {error}"}).encode()
            status = "400 Bad Request"
        start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    app = SeedingApplication(DomainDispatcherApplication(create_backend_app))
    server = make_server("127.0.0.1", args.port, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(json.dumps({"port": server.server_address[1]}), flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
