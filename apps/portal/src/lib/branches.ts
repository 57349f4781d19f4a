import type { Branch, BranchLevel } from '../api/types';

export const BRANCH_LEVELS: BranchLevel[] = ['head_office', 'branch', 'sub_branch', 'outlet'];

export interface BranchNode extends Branch {
  children?: BranchNode[];
}

/** Flat list (parentId links) → tree; orphans (parent not visible) become roots. */
export function buildBranchTree(items: Branch[]): BranchNode[] {
  const nodes = new Map<string, BranchNode>(items.map((b) => [b.id, { ...b }]));
  const roots: BranchNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  const sort = (list: BranchNode[]) => {
    list.sort((a, b) => (a.code || a.name).localeCompare(b.code || b.name));
    list.forEach((n) => n.children && sort(n.children));
  };
  sort(roots);
  return roots;
}

export interface BranchTreeOption {
  value: string;
  title: string;
  children?: BranchTreeOption[];
}

export function branchTreeOptions(nodes: BranchNode[]): BranchTreeOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: n.code ? `${n.name}（${n.code}）` : n.name,
    children: n.children ? branchTreeOptions(n.children) : undefined,
  }));
}

export function nextLevel(level: BranchLevel | undefined): BranchLevel {
  const i = level ? BRANCH_LEVELS.indexOf(level) : -1;
  return BRANCH_LEVELS[Math.min(i + 1, BRANCH_LEVELS.length - 1)];
}
