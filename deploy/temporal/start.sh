#!/bin/sh
# Starts the Temporal server from config.yaml next to this script. Listening on every address (the image's
# TEMPORAL_BIND_IP=0.0.0.0), the services must give each other a real address: this host's first one unless
# TEMPORAL_BROADCAST_ADDRESS says otherwise.
set -eu
here=$(dirname "$0")
if [ "${TEMPORAL_BIND_IP:-127.0.0.1}" = "0.0.0.0" ] && [ -z "${TEMPORAL_BROADCAST_ADDRESS:-}" ]; then
  TEMPORAL_BROADCAST_ADDRESS=$(hostname -i | awk '{print $1}')
  export TEMPORAL_BROADCAST_ADDRESS
fi
exec "${TEMPORAL_SERVER:-temporal-server}" --config-file "$here/config.yaml" start "$@"
