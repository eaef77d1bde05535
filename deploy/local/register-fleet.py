#!/usr/bin/env python3
"""Registers a redshift-sim fleet in moto's Redshift API, so discovery finds it as it would find clusters in AWS.

usage: register-fleet.py MANIFEST --endpoint http://127.0.0.1:5000 [--region us-east-1]
                         [--tag-key autopilot:monitor --tag-value true]
                         [--maintenance-user admin --maintenance-password Admin-pass1]

MANIFEST is what `redshift-sim --fleet N --manifest FILE` wrote: one entry per simulated cluster (id,
host, port, database, databases, user, password, nodeType, nodes, serverless). For each entry:

  - a Secrets Manager secret autopilot/sim/<id> holding {"username": ..., "password": ...};
  - a Redshift cluster <id> with the entry's node type and count, master user and password, database
    and port, tagged <tag-key>=<tag-value>, autopilot:secret=autopilot/sim/<id>, autopilot:user=<user>
    and autopilot:database=<database>.

Running it again changes nothing that is already there: an existing cluster is left as it is (a
warning says so when its port is not the manifest's), an existing secret gets the manifest's value
if it holds another. moto's DescribeClusters gives each cluster an Endpoint.Address of the form
<id>.<random>.<region>.redshift.amazonaws.com, which does not resolve: the services reach the
simulator through autopilot.discovery.address-override=127.0.0.1 and the Endpoint.Port given here.
Serverless entries are left out (a workgroup is not a provisioned cluster). Exits 1 if any entry
could not be registered, 2 on bad arguments or an unreadable manifest.
"""
import argparse
import json
import sys

import boto3
from botocore.exceptions import ClientError

SECRET_PREFIX = "autopilot/sim/"


def parse_args():
    parser = argparse.ArgumentParser(description="Register a redshift-sim fleet manifest in moto's Redshift API.")
    parser.add_argument("manifest", help="the JSON file redshift-sim --fleet N --manifest FILE wrote")
    parser.add_argument("--endpoint", required=True, help="moto_server's URL, e.g. http://127.0.0.1:5000")
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--tag-key", default="autopilot:monitor", help="the tag discovery selects clusters by")
    parser.add_argument("--tag-value", default="true")
    parser.add_argument("--maintenance-user", help="table owner maintenance logs in as (tags autopilot:maintenance-user and "
                        "autopilot:maintenance-secret, a secret autopilot/sim/<id>-maintenance); without it maintenance has no login")
    parser.add_argument("--maintenance-password")
    args = parser.parse_args()
    if bool(args.maintenance_user) != bool(args.maintenance_password):
        parser.error("--maintenance-user and --maintenance-password go together")
    return args


def error_code(error):
    return error.response.get("Error", {}).get("Code", "")


def ensure_secret(secrets, name, value):
    """Creates the secret, or puts the manifest's value into an existing one that holds another. Returns what was done."""
    try:
        secrets.create_secret(Name=name, SecretString=value)
        return "created"
    except ClientError as e:
        if error_code(e) != "ResourceExistsException":
            raise
    if secrets.get_secret_value(SecretId=name)["SecretString"] == value:
        return "exists"
    secrets.put_secret_value(SecretId=name, SecretString=value)
    return "updated"


def describe(redshift, cluster_id):
    try:
        return redshift.describe_clusters(ClusterIdentifier=cluster_id)["Clusters"][0]
    except ClientError as e:
        if error_code(e) == "ClusterNotFound":
            return None
        raise


def ensure_cluster(redshift, entry, tags):
    """Creates the cluster unless it exists. Returns (what was done, the cluster as DescribeClusters shows it)."""
    existing = describe(redshift, entry["id"])
    if existing is not None:
        return "exists", existing
    nodes = int(entry["nodes"])
    arguments = dict(
        ClusterIdentifier=entry["id"],
        NodeType=entry["nodeType"],
        ClusterType="multi-node" if nodes > 1 else "single-node",
        MasterUsername=entry["user"],
        MasterUserPassword=entry["password"],
        DBName=entry["database"],
        Port=int(entry["port"]),
        Tags=tags,
    )
    if nodes > 1:
        arguments["NumberOfNodes"] = nodes
    redshift.create_cluster(**arguments)
    return "created", describe(redshift, entry["id"])


def main():
    args = parse_args()
    try:
        with open(args.manifest, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f"register-fleet: cannot read manifest {args.manifest}: {e}", file=sys.stderr)
        return 2
    # moto takes any credentials; fixed dummy ones keep real ones from this environment out of it.
    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name=args.region)
    redshift = session.client("redshift", endpoint_url=args.endpoint)
    secrets = session.client("secretsmanager", endpoint_url=args.endpoint)

    counts = {"created": 0, "exists": 0, "skipped": 0, "failed": 0}
    for entry in manifest:
        cluster_id = entry["id"]
        if entry.get("serverless"):
            counts["skipped"] += 1
            print(f"{cluster_id}: skipped (Serverless: not a provisioned cluster)")
            continue
        secret_name = SECRET_PREFIX + cluster_id
        tags = [
            {"Key": args.tag_key, "Value": args.tag_value},
            {"Key": "autopilot:secret", "Value": secret_name},
            {"Key": "autopilot:user", "Value": entry["user"]},
            {"Key": "autopilot:database", "Value": entry["database"]},
        ]
        if args.maintenance_user:
            tags += [{"Key": "autopilot:maintenance-user", "Value": args.maintenance_user},
                     {"Key": "autopilot:maintenance-secret", "Value": secret_name + "-maintenance"}]
        try:
            secret = ensure_secret(secrets, secret_name,
                                   json.dumps({"username": entry["user"], "password": entry["password"]}))
            if args.maintenance_user:
                ensure_secret(secrets, secret_name + "-maintenance",
                              json.dumps({"username": args.maintenance_user, "password": args.maintenance_password}))
            done, cluster = ensure_cluster(redshift, entry, tags)
        except ClientError as e:
            counts["failed"] += 1
            print(f"{cluster_id}: FAILED: {e}")
            continue
        endpoint = cluster.get("Endpoint", {})
        port = endpoint.get("Port")
        line = (f"{cluster_id}: cluster {done}, {cluster['NodeType']} x{cluster['NumberOfNodes']}, "
                f"endpoint {endpoint.get('Address')}:{port}, secret {secret_name} {secret}")
        if port != int(entry["port"]):
            if done == "created":
                counts["failed"] += 1
                print(f"{line}: FAILED: moto answers port {port}, the manifest says {entry['port']}")
                continue
            line += f" (WARNING: the existing cluster has port {port}, the manifest says {entry['port']}: delete it to re-register)"
        counts[done] += 1
        print(line)
    print(f"register-fleet: {len(manifest)} clusters in {args.manifest}: {counts['created']} created, {counts['exists']} already there, "
          f"{counts['skipped']} skipped, {counts['failed']} failed (moto at {args.endpoint}, {args.region}, "
          f"tag {args.tag_key}={args.tag_value})")
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
