import { deepFreeze } from '@infra/types';

/** Recovery action recommended for an XID (coarsest first: nothing → app → GPU → node → out of service). */
export type RecoveryAction = 'ignore' | 'restart-app' | 'reset-gpu' | 'reboot-node' | 'drain' | 'contact-support';

/** Every {@link RecoveryAction}, least to most disruptive (contact-support last). */
export const RECOVERY_ACTIONS: readonly RecoveryAction[] = deepFreeze([
  'ignore',
  'restart-app',
  'reset-gpu',
  'reboot-node',
  'drain',
  'contact-support',
] as const);

/** Severity of an XID for a running job, derived from its recovery action. */
export type XidSeverity = 'low' | 'medium' | 'high' | 'critical';

/**
 * The "immediate resolution" bucket of NVIDIA's XID catalogue (Ampere and newer), verbatim;
 * `''` where the catalogue leaves it blank (the newest codes 162–172).
 */
export type NvidiaResolution =
  | ''
  | 'IGNORE'
  | 'RESTART_APP'
  | 'RESET_GPU'
  | 'RESTART_BM'
  | 'RESTART_VM'
  | 'CONTACT_SUPPORT'
  | 'CHECK_MECHANICALS'
  | 'UPDATE_SWFW'
  | 'CHECK_UVM'
  | 'WORKFLOW_XID_45'
  | 'WORKFLOW_XID_48'
  | 'WORKFLOW_NVLINK_ERR'
  | 'WORKFLOW_NVLINK5_ERR'
  | 'XID_154';

/** One entry of the XID catalogue. */
export interface XidCatalogEntry {
  /** XID code. */
  readonly code: number;
  /** GPU component or subsystem the code concerns (`unused` for codes NVIDIA marks unused). */
  readonly component: string;
  /** NVIDIA's immediate-resolution bucket. */
  readonly nvidiaResolution: NvidiaResolution;
  /** NVIDIA's investigatory-resolution bucket (our upper-case token; `''` when blank). */
  readonly investigatory: string;
  /** The recovery action this library recommends by default. */
  readonly action: RecoveryAction;
  /** Severity for a running job. */
  readonly severity: XidSeverity;
  /** True when NVIDIA's resolution is history-dependent (repeats, bursts, companion XIDs). */
  readonly workflow: boolean;
}

/**
 * Default mapping from NVIDIA's immediate-resolution bucket to a {@link RecoveryAction}. Workflow buckets
 * map to their conservative outcome (45 follows the companion XID, so `ignore`; 48 and NVLink → `reset-gpu`;
 * 154 is informational — the carried NVML action decides); `CHECK_MECHANICALS` and `UPDATE_SWFW` take the
 * node out of service (`drain`); blank entries → `contact-support`.
 */
export const NVIDIA_RESOLUTION_ACTIONS: Readonly<Record<NvidiaResolution, RecoveryAction>> = deepFreeze({
  '': 'contact-support',
  IGNORE: 'ignore',
  RESTART_APP: 'restart-app',
  RESET_GPU: 'reset-gpu',
  RESTART_BM: 'reboot-node',
  RESTART_VM: 'reboot-node',
  CONTACT_SUPPORT: 'contact-support',
  CHECK_MECHANICALS: 'drain',
  UPDATE_SWFW: 'drain',
  CHECK_UVM: 'restart-app',
  WORKFLOW_XID_45: 'ignore',
  WORKFLOW_XID_48: 'reset-gpu',
  WORKFLOW_NVLINK_ERR: 'reset-gpu',
  WORKFLOW_NVLINK5_ERR: 'reset-gpu',
  XID_154: 'ignore',
});

/** Severity implied by each action. */
export const ACTION_SEVERITY: Readonly<Record<RecoveryAction, XidSeverity>> = deepFreeze({
  ignore: 'low',
  'restart-app': 'medium',
  'reset-gpu': 'high',
  'reboot-node': 'critical',
  drain: 'critical',
  'contact-support': 'high',
});

// [code, NVIDIA immediate resolution, NVIDIA investigatory resolution, component] for codes 1–172.
// Facts from NVIDIA's XID catalogue ("Analyzing Xid Errors with the Xid Catalog", sheet "Catalog",
// as mirrored machine-readably on 2025-10-29); component labels are ours.
const ROWS: readonly (readonly [number, NvidiaResolution, string, string])[] = [
  [1, 'CONTACT_SUPPORT', '', 'unused'],
  [2, 'CONTACT_SUPPORT', '', 'unused'],
  [3, 'CONTACT_SUPPORT', '', 'unused'],
  [4, 'CONTACT_SUPPORT', '', 'unused'],
  [5, 'CONTACT_SUPPORT', '', 'unused'],
  [6, 'CONTACT_SUPPORT', '', 'unused'],
  [7, 'CONTACT_SUPPORT', '', 'unused'],
  [8, 'RESTART_APP', 'CONTACT_SUPPORT', 'graphics-engine'],
  [9, 'CONTACT_SUPPORT', '', 'unused'],
  [10, 'CONTACT_SUPPORT', '', 'unused'],
  [11, 'RESTART_APP', 'CHECK_APP/CUDA', 'graphics-engine'],
  [12, 'CONTACT_SUPPORT', '', 'unused'],
  [13, 'RESTART_APP', 'WORKFLOW_XID_13', 'graphics-engine'],
  [14, 'IGNORE', 'CONTACT_SUPPORT', 'unused'],
  [15, 'CONTACT_SUPPORT', '', 'unused'],
  [16, 'CONTACT_SUPPORT', 'CONTACT_SUPPORT', 'unused'],
  [17, 'CONTACT_SUPPORT', '', 'unused'],
  [18, 'CONTACT_SUPPORT', '', 'unused'],
  [19, 'CONTACT_SUPPORT', '', 'unused'],
  [20, 'CONTACT_SUPPORT', '', 'unused'],
  [21, 'CONTACT_SUPPORT', '', 'unused'],
  [22, 'CONTACT_SUPPORT', '', 'unused'],
  [23, 'CONTACT_SUPPORT', '', 'unused'],
  [24, 'CONTACT_SUPPORT', '', 'unused'],
  [25, 'RESTART_APP', 'CHECK_APP/CUDA', 'graphics-engine'],
  [26, 'CONTACT_SUPPORT', '', 'unused'],
  [27, 'CONTACT_SUPPORT', '', 'unused'],
  [28, 'CONTACT_SUPPORT', '', 'unused'],
  [29, 'CONTACT_SUPPORT', '', 'unused'],
  [30, 'CONTACT_SUPPORT', '', 'unused'],
  [31, 'RESTART_APP', 'WORKFLOW_XID_31', 'mmu'],
  [32, 'RESTART_APP', 'CHECK_APP/CUDA', 'graphics-engine'],
  [33, 'CONTACT_SUPPORT', '', 'unused'],
  [34, 'CONTACT_SUPPORT', '', 'unused'],
  [35, 'CONTACT_SUPPORT', '', 'unused'],
  [36, 'CONTACT_SUPPORT', '', 'unused'],
  [37, 'IGNORE', 'CHECK_APP/CUDA', 'firmware'],
  [38, 'IGNORE', 'CONTACT_SUPPORT', 'firmware'],
  [39, 'RESTART_APP', 'CONTACT_SUPPORT', 'copy-engine'],
  [40, 'RESTART_APP', 'CONTACT_SUPPORT', 'copy-engine'],
  [41, 'RESTART_APP', 'CONTACT_SUPPORT', 'copy-engine'],
  [42, 'CONTACT_SUPPORT', '', 'unused'],
  [43, 'IGNORE', 'CONTACT_SUPPORT', 'graphics-engine'],
  [44, 'IGNORE', 'CONTACT_SUPPORT', 'graphics-engine'],
  [45, 'WORKFLOW_XID_45', 'SOLO_RESTART_FM_ELSE_IGNORE', 'driver'],
  [46, 'RESET_GPU', 'CONTACT_SUPPORT', 'graphics-engine'],
  [47, 'CONTACT_SUPPORT', '', 'unused'],
  [48, 'WORKFLOW_XID_48', 'WORKFLOW_XID_48', 'memory'],
  [49, 'CONTACT_SUPPORT', '', 'unused'],
  [50, 'CONTACT_SUPPORT', '', 'unused'],
  [51, 'CONTACT_SUPPORT', '', 'unused'],
  [52, 'CONTACT_SUPPORT', '', 'unused'],
  [53, 'CONTACT_SUPPORT', '', 'unused'],
  [54, 'CHECK_MECHANICALS', 'CONTACT_SUPPORT', 'power'],
  [55, 'CONTACT_SUPPORT', '', 'unused'],
  [56, 'CONTACT_SUPPORT', '', 'unused'],
  [57, 'CONTACT_SUPPORT', '', 'unused'],
  [58, 'CONTACT_SUPPORT', '', 'unused'],
  [59, 'CONTACT_SUPPORT', '', 'unused'],
  [60, 'RESTART_APP', 'INVESTIGATE_SW', 'media-engine'],
  [61, 'CONTACT_SUPPORT', '', 'unused'],
  [62, 'RESET_GPU', 'CONTACT_SUPPORT', 'microcontroller'],
  [63, 'IGNORE', 'IGNORE', 'memory'],
  [64, 'RESET_GPU', 'CONTACT_SUPPORT', 'memory'],
  [65, 'CONTACT_SUPPORT', '', 'unused'],
  [66, 'IGNORE', 'INVESTIGATE_SW', 'firmware'],
  [67, 'IGNORE', 'CONTACT_SUPPORT', 'firmware'],
  [68, 'RESTART_APP', 'CONTACT_SUPPORT', 'media-engine'],
  [69, 'RESTART_APP', 'CHECK_APP/CUDA', 'graphics-engine'],
  [70, 'RESTART_APP', 'CONTACT_SUPPORT', 'copy-engine'],
  [71, 'RESTART_APP', 'CONTACT_SUPPORT', 'copy-engine'],
  [72, 'RESTART_APP', 'CONTACT_SUPPORT', 'copy-engine'],
  [73, 'CONTACT_SUPPORT', '', 'unused'],
  [74, 'WORKFLOW_NVLINK_ERR', 'CONTACT_SUPPORT', 'nvlink'],
  [75, 'RESTART_APP', 'CONTACT_SUPPORT', 'copy-engine'],
  [76, 'RESTART_APP', 'CONTACT_SUPPORT', 'copy-engine'],
  [77, 'RESTART_APP', 'CONTACT_SUPPORT', 'copy-engine'],
  [78, 'UPDATE_SWFW', 'UPDATE_SWFW', 'vgpu'],
  [79, 'RESTART_BM', 'CONTACT_SUPPORT', 'pcie'],
  [80, 'RESTART_APP', 'CHECK_APP/CUDA', 'host-interface'],
  [81, 'CONTACT_SUPPORT', '', 'unused'],
  [82, 'RESTART_APP', 'CONTACT_SUPPORT', 'media-engine'],
  [83, 'RESTART_APP', 'CONTACT_SUPPORT', 'media-engine'],
  [84, 'RESTART_APP', 'CONTACT_SUPPORT', 'media-engine'],
  [85, 'RESTART_APP', 'CONTACT_SUPPORT', 'copy-engine'],
  [86, 'RESTART_APP', 'CONTACT_SUPPORT', 'media-engine'],
  [87, 'CONTACT_SUPPORT', '', 'unused'],
  [88, 'RESTART_APP', 'CONTACT_SUPPORT', 'media-engine'],
  [89, 'RESTART_APP', 'CONTACT_SUPPORT', 'media-engine'],
  [90, 'CONTACT_SUPPORT', '', 'unused'],
  [91, 'CONTACT_SUPPORT', '', 'unused'],
  [92, 'IGNORE', 'CONTACT_SUPPORT', 'memory'],
  [93, 'IGNORE', 'CONTACT_SUPPORT', 'inforom'],
  [94, 'RESTART_APP', 'IGNORE_SYMPATHETIC', 'memory'],
  [95, 'RESET_GPU', 'IGNORE_SYMPATHETIC', 'memory'],
  [96, 'RESTART_APP', 'CONTACT_SUPPORT', 'media-engine'],
  [97, 'RESTART_APP', 'CONTACT_SUPPORT', 'media-engine'],
  [98, 'RESTART_APP', 'CONTACT_SUPPORT', 'media-engine'],
  [99, 'RESTART_APP', 'CONTACT_SUPPORT', 'media-engine'],
  [100, 'RESTART_APP', 'CONTACT_SUPPORT', 'media-engine'],
  [101, 'RESTART_APP', 'CONTACT_SUPPORT', 'media-engine'],
  [102, 'RESTART_APP', 'CONTACT_SUPPORT', 'media-engine'],
  [103, 'RESTART_APP', 'CONTACT_SUPPORT', 'media-engine'],
  [104, 'RESTART_APP', 'CONTACT_SUPPORT', 'media-engine'],
  [105, 'RESTART_APP', 'CONTACT_SUPPORT', 'media-engine'],
  [106, 'IGNORE', 'IGNORE', 'management'],
  [107, 'IGNORE', 'IGNORE', 'management'],
  [108, 'IGNORE', 'XID_137_FLOW', 'unused'],
  [109, 'RESET_GPU', 'CONTACT_SUPPORT', 'graphics-engine'],
  [110, 'RESET_GPU', 'INVESTIGATE_SW', 'security'],
  [111, 'CONTACT_SUPPORT', '', 'unused'],
  [112, 'CONTACT_SUPPORT', '', 'unused'],
  [113, 'CONTACT_SUPPORT', '', 'unused'],
  [114, 'CONTACT_SUPPORT', '', 'unused'],
  [115, 'CONTACT_SUPPORT', '', 'unused'],
  [116, 'CONTACT_SUPPORT', '', 'unused'],
  [117, 'CONTACT_SUPPORT', '', 'unused'],
  [118, 'CONTACT_SUPPORT', '', 'unused'],
  [119, 'RESET_GPU', 'INVESTIGATE_SW', 'gsp'],
  [120, 'RESET_GPU', 'INVESTIGATE_SW', 'gsp'],
  [121, 'IGNORE', 'CONTACT_SUPPORT', 'c2c'],
  [122, 'CONTACT_SUPPORT', '', 'unused'],
  [123, 'CONTACT_SUPPORT', '', 'unused'],
  [124, 'CONTACT_SUPPORT', '', 'unused'],
  [125, 'CONTACT_SUPPORT', '', 'unused'],
  [126, 'RESTART_APP', 'CONTACT_SUPPORT', 'copy-engine'],
  [127, 'RESTART_APP', 'CONTACT_SUPPORT', 'copy-engine'],
  [128, 'RESTART_APP', 'CONTACT_SUPPORT', 'copy-engine'],
  [129, 'RESTART_APP', 'CONTACT_SUPPORT', 'copy-engine'],
  [130, 'RESTART_APP', 'CONTACT_SUPPORT', 'copy-engine'],
  [131, 'RESTART_APP', 'CONTACT_SUPPORT', 'copy-engine'],
  [132, 'RESTART_APP', 'CONTACT_SUPPORT', 'copy-engine'],
  [133, 'RESTART_APP', 'CONTACT_SUPPORT', 'copy-engine'],
  [134, 'RESTART_APP', 'CONTACT_SUPPORT', 'copy-engine'],
  [135, 'RESTART_APP', 'CONTACT_SUPPORT', 'copy-engine'],
  [136, 'RESET_GPU', 'INVESTIGATE_LINK_SI', 'nvlink'],
  [137, 'IGNORE', 'XID_137_FLOW', 'nvlink'],
  [138, 'CONTACT_SUPPORT', '', 'unused'],
  [139, 'RESTART_APP', 'CONTACT_SUPPORT', 'media-engine'],
  [140, 'RESET_GPU', 'CONTACT_SUPPORT', 'memory'],
  [141, 'IGNORE', 'CONTACT_SUPPORT', 'driver'],
  [142, 'CONTACT_SUPPORT', '', 'media-engine'],
  [143, 'RESET_GPU', 'CONTACT_SUPPORT', 'gpu'],
  [144, 'WORKFLOW_NVLINK5_ERR', 'WORKFLOW_NVLINK5_ERR', 'nvlink'],
  [145, 'WORKFLOW_NVLINK5_ERR', 'WORKFLOW_NVLINK5_ERR', 'nvlink'],
  [146, 'WORKFLOW_NVLINK5_ERR', 'WORKFLOW_NVLINK5_ERR', 'nvlink'],
  [147, 'WORKFLOW_NVLINK5_ERR', 'WORKFLOW_NVLINK5_ERR', 'nvlink'],
  [148, 'WORKFLOW_NVLINK5_ERR', 'WORKFLOW_NVLINK5_ERR', 'nvlink'],
  [149, 'WORKFLOW_NVLINK5_ERR', 'WORKFLOW_NVLINK5_ERR', 'nvlink'],
  [150, 'WORKFLOW_NVLINK5_ERR', 'WORKFLOW_NVLINK5_ERR', 'nvlink'],
  [151, 'RESTART_VM', 'CONTACT_SUPPORT', 'security'],
  [152, 'IGNORE', 'CONTACT_SUPPORT', 'dla'],
  [153, 'IGNORE', 'CONTACT_SUPPORT', 'dla'],
  [154, 'XID_154', 'INFORMATIONAL', 'recovery'],
  [155, 'RESET_GPU', 'INVESTIGATE_SW_USER', 'nvlink'],
  [156, 'RESET_GPU', 'IGNORE', 'memory'],
  [157, 'IGNORE', 'CONTACT_SUPPORT', 'memory'],
  [158, 'RESET_GPU', 'CONTACT_SUPPORT', 'gpu'],
  [159, 'CHECK_UVM', 'SYMPATHETIC_REPORT_SOLO', 'c2c'],
  [160, 'IGNORE', 'INVESTIGATE_SW', 'driver'],
  [161, 'IGNORE', 'INVESTIGATE_SW', 'driver'],
  [162, '', '', 'power'],
  [163, '', '', 'power'],
  [164, '', '', 'power'],
  [165, '', '', 'power'],
  [166, '', '', 'nvlink'],
  [167, '', '', 'pcie'],
  [168, '', '', 'memory'],
  [169, '', '', 'microcontroller'],
  [170, '', '', 'nvlink'],
  [171, '', '', 'memory'],
  [172, '', '', 'sram'],
];

const WORKFLOW_CODES = new Set([13, 31]);

/**
 * NVIDIA's XID catalogue (codes 1–172) with this library's default action and severity, keyed by code.
 * Data-driven: pass per-code overrides to {@link xidAction} instead of editing it.
 */
export const XID_CATALOG: Readonly<Record<number, XidCatalogEntry>> = deepFreeze(
  Object.fromEntries(
    ROWS.map(([code, nvidiaResolution, investigatory, component]) => {
      const action = NVIDIA_RESOLUTION_ACTIONS[nvidiaResolution];
      const entry: XidCatalogEntry = {
        code,
        component,
        nvidiaResolution,
        investigatory,
        action,
        severity: ACTION_SEVERITY[action],
        workflow: nvidiaResolution.startsWith('WORKFLOW') || nvidiaResolution === 'XID_154' || WORKFLOW_CODES.has(code),
      };
      return [code, entry];
    }),
  ),
);
