#!/usr/bin/env bash
# Builds the bundle test vector (../bundle_stock_v1.txt) with the stock tools only: the
# plaintext by hand as docs/BUNDLES.md describes it, the signature by `minisign` 0.11, the
# encryption by `age` 1.1.1. SafetyNet must open it: the format is what the document says,
# not whatever our own code happens to write. Run once; the output is committed.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

[ -f receiver.age-key ] || age-keygen -o receiver.age-key 2>/dev/null
[ -f sender.age-key ] || age-keygen -o sender.age-key 2>/dev/null
sender_recipient=$(age-keygen -y sender.age-key)
receiver_recipient=$(age-keygen -y receiver.age-key)
minisign_key=../minisign/stock.key
minisign_pub=$(sed -n 2p ../minisign/stock.pub)

kind=referral
id=4f3c2a10-9b7e-4d21-8c55-0a1b2c3d4e5f
created=2025-06-01T14:30:00Z
length=$(wc -c < referral.fhir.json)
{
  printf 'safetynet-bundle/v1\n'
  printf 'kind: %s\nid: %s\ncreated: %s\n' "$kind" "$id" "$created"
  printf 'sender: Eastside Community Clinic\nsender-recipient: %s\nsender-key: %s\n' "$sender_recipient" "$minisign_pub"
  printf 'content-type: application/fhir+json\ncontent-length: %s\n\n' "$length"
  cat referral.fhir.json
  printf '\n'
} > "$tmp/message"
minisign -S -s "$minisign_key" -m "$tmp/message" -x "$tmp/message.minisig" \
  -c 'safetynet bundle signature' -t "safetynet-bundle/v1 $kind $id $created" >/dev/null
cat "$tmp/message" "$tmp/message.minisig" > "$tmp/plain"
age -e -a -r "$receiver_recipient" -r "$sender_recipient" -o "$tmp/bundle.age" "$tmp/plain"
{
  echo "expect: trusted"
  echo "identity: $(grep '^AGE-SECRET-KEY-1' receiver.age-key)"
  echo "sender-identity: $(grep '^AGE-SECRET-KEY-1' sender.age-key)"
  echo "trusted-key: $minisign_pub"
  echo "kind: $kind"
  echo "id: $id"
  echo "created: $created"
  echo "sender: Eastside Community Clinic"
  echo "content-sha256: $(sha256sum < referral.fhir.json | cut -d' ' -f1)"
  echo "plaintext-sha256: $(sha256sum < "$tmp/plain" | cut -d' ' -f1)"
  echo "comment: made by tests/data/bundles/stock_bundle/make_stock_bundle.sh with stock age 1.1.1 and minisign 0.11"
  echo
  cat "$tmp/bundle.age"
} > ../bundle_stock_v1.txt
echo "wrote ../bundle_stock_v1.txt"
