/**
 * `@aurora-rca/react`: provider, hooks and components over `@aurora-rca/core/client`.
 * @packageDocumentation
 */
export { ChatPanel } from './components/chat-panel.js';
export {
  CitationBadge,
  type CitationBadgeProps,
  CitationsContext,
  CitedText,
} from './components/citation-badge.js';
export { DiffView, type DiffViewProps } from './components/diff-view.js';
export { IncidentDetail, type IncidentDetailProps, type IncidentTab } from './components/incident-detail.js';
export { IncidentList, type IncidentListProps } from './components/incident-list.js';
export { type DiffLine, lineDiff } from './components/line-diff.js';
export { MergeDialog, type MergeDialogProps } from './components/merge-dialog.js';
export { Modal, type ModalProps } from './components/modal.js';
export { PostmortemView } from './components/postmortem-view.js';
export { RawAlerts } from './components/raw-alerts.js';
export { ResolveButton, type ResolveButtonProps } from './components/resolve-button.js';
export { RichText } from './components/rich-text.js';
export { LiveIndicator, SeverityBadge, StatusBadge } from './components/status-badge.js';
export { SuggestionsPanel } from './components/suggestions-panel.js';
export { type TabItem, Tabs, type TabsProps } from './components/tabs.js';
export { ThoughtsPanel, type ThoughtsPanelProps } from './components/thoughts-panel.js';
export { type UseIncidentResult, useIncident } from './hooks/use-incident.js';
export { type UseIncidentChatResult, useIncidentChat } from './hooks/use-incident-chat.js';
export { type UseIncidentsOptions, type UseIncidentsResult, useIncidents } from './hooks/use-incidents.js';
export {
  type MergeVariables,
  type UpdateVariables,
  type UseMutationResult,
  useMergeIncident,
  useUpdateIncident,
} from './hooks/use-mutations.js';
export { useStore } from './hooks/use-store.js';
export { fixContent, type UseSuggestionsResult, useSuggestions } from './hooks/use-suggestions.js';
export { AuroraProvider, type AuroraProviderProps, useAuroraClient } from './provider.js';
export { auroraStyles } from './styles.js';
