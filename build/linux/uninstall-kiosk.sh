#!/usr/bin/env bash
# Undoes install-kiosk.sh: the machine boots to its login prompt (or its desktop) again and the
# Hymy app is removed. The data dir /var/lib/hymy (with any unsent answers) and the user hymy
# stay, unless --purge.
#
#   sudo ./uninstall-kiosk.sh [--dry-run] [--purge]
#
# Left in place: the packages cage, kbd and libpam-systemd, and consoleblank=0 on the kernel
# command line (harmless on any machine).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=kiosk-common.sh
. "$HERE/kiosk-common.sh"

PURGE=0
for arg in "$@"; do
  case $arg in
    --dry-run) DRY_RUN=1 ;;
    --purge) PURGE=1 ;;
    -h | --help)
      say "usage: sudo $0 [--dry-run] [--purge]"
      exit 0
      ;;
    *) die "unknown argument: $arg (usage: sudo $0 [--dry-run] [--purge])" ;;
  esac
done

[[ $DRY_RUN -eq 1 ]] && say 'Dry run: nothing on this machine will be changed.'
require_root "$@"

step "Stopping and removing the kiosk service ($KIOSK_SERVICE)"
run_tolerant systemctl disable --now "$KIOSK_SERVICE"
run rm -f "$KIOSK_UNIT_PATH" "$KIOSK_PAM_PATH" "$KIOSK_DEFAULTS_PATH" "$KIOSK_SYSCTL_PATH"
run systemctl daemon-reload
run_tolerant systemctl unmask getty@tty1.service ctrl-alt-del.target
if [[ -f $KIOSK_STATE_DIR/display-manager ]]; then
  dm=$(cat "$KIOSK_STATE_DIR/display-manager")
  say "  the desktop's display manager $dm comes back"
  run systemctl enable "$dm"
fi
run rm -rf "$KIOSK_STATE_DIR"

step 'Removing the udev rule for the button box'
run rm -f "$KIOSK_UDEV_RULE_PATH"
run_tolerant udevadm control --reload-rules

step 'Removing the app'
if dpkg-query --show --showformat='${Status}' hymy 2>/dev/null | grep -q 'install ok installed'; then
  run env DEBIAN_FRONTEND=noninteractive apt-get remove -y hymy
else
  say '  the hymy package is not installed'
fi

if [[ $PURGE -eq 1 ]]; then
  step "Purging the user $KIOSK_USER and the data dir $KIOSK_DATA_DIR (unsent answers are lost)"
  if id -u "$KIOSK_USER" >/dev/null 2>&1; then
    run userdel --remove "$KIOSK_USER"
  fi
  run rm -rf "$KIOSK_DATA_DIR" "$KIOSK_HOME"
else
  step "Kept: the data dir $KIOSK_DATA_DIR and the user $KIOSK_USER (--purge removes both)"
fi

step 'Done'
if [[ $DRY_RUN -eq 1 ]]; then
  say 'Dry run finished: nothing was changed.'
else
  say 'Reboot to get the login prompt (or the desktop) back on the screen: sudo reboot'
fi
