#!/usr/bin/env bash
# Idle-connection benchmark: 10,000 connections that send nothing (--rate 0), 20 s hold; measures the client's
# memory per idle connection and its CPU while idle. Same as `bench/demo-load.sh --idle`.
exec "$(dirname "$0")/demo-load.sh" --idle "$@"
