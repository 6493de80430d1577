"use client";
/**
 * Around a part of her page whose code is loaded after the page (React.lazy). If that code cannot
 * arrive (the signal dropped before it did, and the phone's cache does not have it yet), the page
 * must go on working without that part — never Next's "This page couldn't load" in English over
 * her form. The fallback stands in for the part; the next page start tries again.
 */
import { Component, type ReactNode } from "react";

export class ChunkBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
