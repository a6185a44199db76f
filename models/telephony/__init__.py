"""Telephony: the Asterisk AMI protocol, the floor mapping and the AMI -> floor translation (issue #14)."""
