// The columns every catalogue list starts with (equipment items, services): the code, linked to
// the edit form where the server says the caller may change the item, and the name.
import type { Column } from '../components/ListView.svelte';
import { localName } from './format';
import { t } from './i18n';
import { app } from './state.svelte';

/** The code and name columns of the catalogue `resource` (its edit form: /<resource>/<id>/edit). */
export function catalogueColumns(resource: 'equipment_items' | 'service_items'): Column[] {
  return [
    {
      key: 'code',
      label: t('field.code'),
      sort: 'code',
      value: (r) => String(r.code ?? ''),
      ltr: true,
      // The server says which rows the caller may change: a division does not edit the national items.
      href: (r) => (r.editable === true ? `/${resource}/${r.id}/edit` : null),
    },
    {
      key: 'name',
      label: t('field.name'),
      sort: app.lang === 'ar' ? 'name_ar' : 'name_fr',
      value: (r) => localName(r),
      user: true,
    },
  ];
}
