import type { BillingMode, FormDefinition, Text } from '@guichet/domain';

/** The four change catalogs of DESIGN §2, as data (names verbatim from the user guide). */
export interface CatalogSeed {
  code: string;
  name: Text;
  help?: Text;
  assetTypes: string[];
  offers: string[];
  categories: { code: string; name: Text; help?: Text; articles: ArticleSeed[] }[];
  articles: ArticleSeed[];
}

export interface ArticleSeed {
  code: string;
  name: Text;
  help?: Text;
  billingMode: BillingMode;
  priceTokens: number;
  form: FormDefinition;
}

const quotaTypes: { value: string; label: Text }[] = [
  { value: 'instances', label: { fr: 'Instances (ECS)', en: 'Instances (ECS)' } },
  { value: 'vcpus', label: { fr: 'vCPU (ECS)', en: 'vCPUs (ECS)' } },
  { value: 'ram_mib', label: { fr: 'Mémoire vive en Mio (ECS)', en: 'RAM in MiB (ECS)' } },
  { value: 'floating_ips', label: { fr: 'IP flottantes (VPC)', en: 'Floating IPs (VPC)' } },
  {
    value: 'security_groups',
    label: { fr: 'Groupes de sécurité (VPC)', en: 'Security groups (VPC)' },
  },
  {
    value: 'security_group_rules',
    label: { fr: 'Règles de sécurité (VPC)', en: 'Security group rules (VPC)' },
  },
  { value: 'key_pairs', label: { fr: 'Paires de clés (ECS)', en: 'Key pairs (ECS)' } },
  { value: 'server_groups', label: { fr: 'Groupes de serveurs (ECS)', en: 'Server groups (ECS)' } },
];

/** Flexible Engine's default quotas (OpenStack/Huawei stack; DESIGN §2, inferred). */
export const defaultQuotas: Record<string, number> = {
  instances: 10,
  vcpus: 20,
  ram_mib: 51_200,
  floating_ips: 10,
  security_groups: 10,
  security_group_rules: 20,
  key_pairs: 100,
  server_groups: 10,
};

const modifyQuotas: ArticleSeed = {
  code: 'modifier-mes-quotas',
  name: { fr: 'Modifier mes quotas', en: 'Change my quotas' },
  help: {
    fr: 'Augmentez les quotas de votre tenant Flexible Engine. Une ligne par quota à modifier.',
    en: 'Raise the quotas of your Flexible Engine tenant. One line per quota to change.',
  },
  billingMode: 'counted',
  priceTokens: 2,
  form: {
    fields: [
      {
        key: 'region',
        kind: 'choice',
        label: { fr: 'Région', en: 'Region' },
        required: true,
        default: 'eu-west-0',
        options: [
          { value: 'eu-west-0', label: { fr: 'eu-west-0 (Paris)', en: 'eu-west-0 (Paris)' } },
        ],
      },
      {
        key: 'project',
        kind: 'text',
        label: { fr: 'Projet', en: 'Project' },
        help: {
          fr: 'Nom du projet du tenant concerné.',
          en: 'Name of the tenant project concerned.',
        },
        required: true,
        maxLength: 64,
        pattern: '^[A-Za-z0-9_.-]+$',
      },
      {
        key: 'lines',
        kind: 'rows',
        label: { fr: 'Quotas à modifier', en: 'Quotas to change' },
        required: true,
        minRows: 1,
        maxRows: 8,
        fields: [
          {
            key: 'quotaType',
            kind: 'choice',
            label: { fr: 'Type de quota', en: 'Quota type' },
            required: true,
            options: quotaTypes,
          },
          {
            key: 'current',
            kind: 'integer',
            label: { fr: 'Valeur actuelle', en: 'Current value' },
            help: { fr: 'Le quota actuel de votre tenant.', en: "Your tenant's current quota." },
            prefill: 'quotas.{quotaType}',
            readOnly: true,
          },
          {
            key: 'requested',
            kind: 'integer',
            label: { fr: 'Valeur demandée', en: 'Requested value' },
            required: true,
            min: 1,
            max: 1_000_000,
          },
        ],
      },
      {
        key: 'justification',
        kind: 'text',
        multiline: true,
        label: { fr: 'Justification', en: 'Justification' },
        help: {
          fr: 'Pourquoi ces nouveaux quotas sont nécessaires.',
          en: 'Why these new quotas are needed.',
        },
        required: true,
        minLength: 10,
        maxLength: 2000,
      },
    ],
    rules: [
      {
        kind: 'compare',
        field: 'lines.requested',
        op: 'gt',
        than: { asset: 'quotas.{quotaType}' },
        message: {
          fr: 'La valeur demandée doit être supérieure à la valeur actuelle',
          en: 'The requested value must be greater than the current value',
        },
      },
    ],
  },
};

const otherRequest: ArticleSeed = {
  code: 'faire-une-autre-demande',
  name: { fr: 'Faire une autre demande', en: 'Make another request' },
  help: {
    fr: 'Indiquez en commentaire aussi précisément que possible les détails de votre demande.',
    en: 'Describe your request as precisely as possible.',
  },
  billingMode: 'counted',
  priceTokens: 2,
  form: {
    fields: [
      {
        key: 'details',
        kind: 'text',
        multiline: true,
        label: { fr: 'Détail de la demande', en: 'Request details' },
        help: {
          fr: 'Décrivez aussi précisément que possible le changement attendu.',
          en: 'Describe the expected change as precisely as possible.',
        },
        required: true,
        minLength: 20,
        maxLength: 4000,
      },
    ],
  },
};

const licenceQuantity = (max?: string) => ({
  key: 'quantity',
  kind: 'integer' as const,
  label: { fr: 'Nombre de licences', en: 'Number of licences' },
  required: true,
  min: 1,
  max: 1000,
  ...(max ? { help: { fr: max, en: max } } : {}),
});

const licencesHeld = {
  key: 'licencesHeld',
  kind: 'integer' as const,
  label: { fr: 'Licences détenues', en: 'Licences held' },
  prefill: 'licencesHeld',
  readOnly: true,
};

export const seedCatalogs: CatalogSeed[] = [
  {
    code: 'standard',
    name: { fr: 'Catalogue de Changement Standard', en: 'Standard Change Catalog' },
    help: {
      fr: 'Accessible à tout client Flexible Engine : modification de quotas et autres demandes.',
      en: 'Available to every Flexible Engine customer: quota changes and other requests.',
    },
    assetTypes: ['fe_tenant'],
    offers: ['Flexible Engine'],
    categories: [
      { code: 'quotas', name: { fr: 'Quotas', en: 'Quotas' }, articles: [modifyQuotas] },
      {
        code: 'autres-demandes',
        name: { fr: 'Autres Demandes', en: 'Other Requests' },
        help: { fr: 'Les changements « autres ».', en: '"Other" changes.' },
        articles: [otherRequest],
      },
    ],
    articles: [],
  },
  {
    code: 'licences-rds',
    name: { fr: 'Gérer mes licences RDS', en: 'Manage my RDS licences' },
    help: {
      fr: 'Licences Remote Desktop Services de vos serveurs Windows.',
      en: 'Remote Desktop Services licences of your Windows servers.',
    },
    assetTypes: ['fe_tenant', 'rds_licence_pool'],
    offers: ['Flexible Engine'],
    categories: [],
    articles: [
      {
        code: 'ajouter-des-licences-rds',
        name: { fr: 'Ajouter des licences RDS', en: 'Add RDS licences' },
        billingMode: 'counted',
        priceTokens: 1,
        form: { fields: [licencesHeld, licenceQuantity()] },
      },
      {
        code: 'supprimer-des-licences-rds',
        name: { fr: 'Supprimer des licences RDS', en: 'Remove RDS licences' },
        billingMode: 'included',
        priceTokens: 0,
        form: {
          fields: [licencesHeld, licenceQuantity()],
          rules: [
            {
              kind: 'compare',
              field: 'quantity',
              op: 'lte',
              than: { asset: 'licencesHeld' },
              message: {
                fr: 'Vous ne pouvez pas supprimer plus de licences que vous n’en détenez',
                en: 'You cannot remove more licences than you hold',
              },
            },
          ],
        },
      },
    ],
  },
  {
    code: 'acces-gin',
    name: { fr: 'Gérer mon accès GIN', en: 'Manage my GIN access' },
    help: { fr: 'Votre accès réseau GIN.', en: 'Your GIN network access.' },
    assetTypes: ['fe_tenant', 'gin_access'],
    offers: ['Flexible Engine'],
    categories: [],
    articles: [
      {
        code: 'modifier-mon-acces-gin',
        name: { fr: 'Modifier mon accès GIN', en: 'Change my GIN access' },
        billingMode: 'counted',
        priceTokens: 3,
        form: {
          fields: [
            {
              key: 'changeType',
              kind: 'choice',
              label: { fr: 'Nature du changement', en: 'Kind of change' },
              required: true,
              options: [
                { value: 'add_network', label: { fr: 'Ajout d’un réseau', en: 'Add a network' } },
                {
                  value: 'bandwidth',
                  label: { fr: 'Modification de bande passante', en: 'Bandwidth change' },
                },
                { value: 'other', label: { fr: 'Autre', en: 'Other' } },
              ],
            },
            {
              key: 'networkDetails',
              kind: 'text',
              multiline: true,
              label: { fr: 'Détails réseau', en: 'Network details' },
              help: {
                fr: 'Plages d’adresses, VLAN, bande passante souhaitée…',
                en: 'Address ranges, VLANs, wanted bandwidth…',
              },
              required: true,
              minLength: 10,
              maxLength: 4000,
            },
            {
              key: 'wantedDate',
              kind: 'date',
              label: { fr: 'Date souhaitée', en: 'Wanted date' },
            },
          ],
        },
      },
    ],
  },
  {
    code: 'ucb-fe-autres-demandes',
    name: { fr: 'UCB - F.E: Autres Demandes', en: 'UCB - F.E: Other Requests' },
    help: {
      fr: 'Demandes hors catalogue : une étude préalable et un devis sont nécessaires.',
      en: 'Off-catalog requests: a prior study and a quote are needed.',
    },
    assetTypes: ['fe_tenant', 'rds_licence_pool', 'gin_access'],
    offers: ['Flexible Engine'],
    categories: [],
    articles: [
      {
        code: 'demande-hors-catalogue',
        name: { fr: 'Demande hors catalogue', en: 'Off-catalog request' },
        billingMode: 'quote',
        priceTokens: 0,
        form: {
          fields: [
            {
              key: 'subject',
              kind: 'text',
              label: { fr: 'Objet', en: 'Subject' },
              required: true,
              minLength: 5,
              maxLength: 200,
            },
            {
              key: 'description',
              kind: 'text',
              multiline: true,
              label: { fr: 'Description détaillée', en: 'Detailed description' },
              required: true,
              minLength: 20,
              maxLength: 4000,
            },
          ],
        },
      },
    ],
  },
];
