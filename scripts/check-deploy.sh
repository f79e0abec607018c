#!/usr/bin/env bash
# Validates deploy/kubernetes/ against the Kubernetes schemas (kubernetes-validate from PyPI),
# strictly: unknown fields fail. The ServiceMonitor is a CRD without a bundled schema.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v kubernetes-validate >/dev/null 2>&1; then
    python3 -m pip install --quiet --disable-pip-version-check kubernetes-validate==1.37.0
fi
kubernetes-validate --strict --quiet deploy/kubernetes/deployment.yaml deploy/kubernetes/service.yaml \
    deploy/kubernetes/hpa.yaml deploy/kubernetes/pdb.yaml
echo "deploy/kubernetes: valid"
