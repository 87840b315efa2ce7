/** Modèles de réponse en français. Des chaînes TypeScript, pour être embarquées avec les nœuds. */
import { TemplateBody, TemplateId } from './types';

export const FR: Record<TemplateId, Required<TemplateBody>> = {
  payment_request: {
    text: `Bonjour {{client_name}},

Merci pour votre message au support {{project}}. Votre demande {{ticket}} est prête à être traitée : les interventions sont prépayées et votre compte n'a plus de crédit disponible.

Une intervention coûte {{price}}. Vous pouvez régler en toute sécurité par carte ici :
{{payment_url}}

Ce lien est valable jusqu'au {{expires_at}}. Dès la confirmation du paiement, votre demande est transmise à notre équipe et nous revenons vers vous. Inutile de nous réécrire : les messages suivants sur cette demande renvoient le même lien.

Bien cordialement,
L'équipe support {{project}}`,
    html: `<p>Bonjour {{client_name}},</p>
<p>Merci pour votre message au support {{project}}. Votre demande <strong>{{ticket}}</strong> est prête à être traitée : les interventions sont prépayées et votre compte n'a plus de crédit disponible.</p>
<p>Une intervention coûte <strong>{{price}}</strong>. Vous pouvez régler en toute sécurité par carte ici :</p>
<p><a href="{{payment_url}}">Payer {{price}} maintenant</a></p>
<p>Ce lien est valable jusqu'au {{expires_at}}. Dès la confirmation du paiement, votre demande est transmise à notre équipe et nous revenons vers vous. Inutile de nous réécrire : les messages suivants sur cette demande renvoient le même lien.</p>
<p>Bien cordialement,<br>L'équipe support {{project}}</p>`,
  },
  low_balance: {
    text: `Bonjour {{client_name}},

Votre solde de support {{project}} : {{balance}}. Pour que votre prochaine demande soit traitée sans attendre, vous pouvez le recharger dès maintenant : {{credits}} pour {{price}}, par carte en toute sécurité ici :
{{payment_url}}

Ce lien est valable jusqu'au {{expires_at}}. Rien n'est prélevé tant que vous ne payez pas ; sans recharge, votre prochaine demande sera accompagnée d'un lien de paiement.

Bien cordialement,
L'équipe support {{project}}`,
    html: `<p>Bonjour {{client_name}},</p>
<p>Votre solde de support {{project}} : <strong>{{balance}}</strong>. Pour que votre prochaine demande soit traitée sans attendre, vous pouvez le recharger dès maintenant : <strong>{{credits}} pour {{price}}</strong>, par carte en toute sécurité ici :</p>
<p><a href="{{payment_url}}">Recharger {{credits}} pour {{price}}</a></p>
<p>Ce lien est valable jusqu'au {{expires_at}}. Rien n'est prélevé tant que vous ne payez pas ; sans recharge, votre prochaine demande sera accompagnée d'un lien de paiement.</p>
<p>Bien cordialement,<br>L'équipe support {{project}}</p>`,
  },
  payment_received: {
    text: `Bonjour {{client_name}},

Nous avons bien reçu votre paiement de {{price}}. Merci ! Votre solde : {{balance}}.

Votre demande {{ticket}} est désormais entre les mains de notre équipe et nous revenons vers vous très rapidement.

Bien cordialement,
L'équipe support {{project}}`,
    html: `<p>Bonjour {{client_name}},</p>
<p>Nous avons bien reçu votre paiement de <strong>{{price}}</strong>. Merci ! Votre solde : <strong>{{balance}}</strong>.</p>
<p>Votre demande <strong>{{ticket}}</strong> est désormais entre les mains de notre équipe et nous revenons vers vous très rapidement.</p>
<p>Bien cordialement,<br>L'équipe support {{project}}</p>`,
  },
  ticket_opened: {
    text: `Bonjour {{client_name}},

Nous avons bien reçu votre demande et ouvert le ticket {{ticket}}. Notre équipe revient vers vous très rapidement.

Cette demande a utilisé un crédit. Votre solde : {{balance}}.

Pour compléter votre demande, répondez simplement à ce message en gardant {{ticket}} dans l'objet.

Bien cordialement,
L'équipe support {{project}}`,
    html: `<p>Bonjour {{client_name}},</p>
<p>Nous avons bien reçu votre demande et ouvert le ticket <strong>{{ticket}}</strong>. Notre équipe revient vers vous très rapidement.</p>
<p>Cette demande a utilisé un crédit. Votre solde : <strong>{{balance}}</strong>.</p>
<p>Pour compléter votre demande, répondez simplement à ce message en gardant {{ticket}} dans l'objet.</p>
<p>Bien cordialement,<br>L'équipe support {{project}}</p>`,
  },
  duplicate_joined: {
    text: `Bonjour {{client_name}},

Nous avons déjà votre demande : c'est le ticket {{ticket}}, et votre message y a été ajouté sans frais supplémentaires. Votre solde : {{balance}}. Notre équipe revient vers vous très rapidement.

Pour compléter votre demande, répondez simplement à ce message en gardant {{ticket}} dans l'objet.

Bien cordialement,
L'équipe support {{project}}`,
    html: `<p>Bonjour {{client_name}},</p>
<p>Nous avons déjà votre demande : c'est le ticket <strong>{{ticket}}</strong>, et votre message y a été ajouté sans frais supplémentaires. Votre solde : <strong>{{balance}}</strong>. Notre équipe revient vers vous très rapidement.</p>
<p>Pour compléter votre demande, répondez simplement à ce message en gardant {{ticket}} dans l'objet.</p>
<p>Bien cordialement,<br>L'équipe support {{project}}</p>`,
  },
  ticket_opened_unverified: {
    text: `Bonjour {{client_name}},

Nous avons bien reçu votre demande et ouvert le ticket {{ticket}}. Notre équipe revient vers vous très rapidement.

Cette demande a utilisé un crédit. Votre solde : {{balance}}.

Nous n'avons pas pu vérifier que ce message provient bien de votre messagerie : il a donc été signalé à notre équipe. Si vous ne l'avez pas envoyé, répondez à cet e-mail pour nous le dire : le crédit vous sera rendu.

Pour compléter votre demande, répondez simplement à cet e-mail en gardant {{ticket}} dans l'objet.

Bien cordialement,
L'équipe support {{project}}`,
    html: `<p>Bonjour {{client_name}},</p>
<p>Nous avons bien reçu votre demande et ouvert le ticket <strong>{{ticket}}</strong>. Notre équipe revient vers vous très rapidement.</p>
<p>Cette demande a utilisé un crédit. Votre solde : <strong>{{balance}}</strong>.</p>
<p>Nous n'avons pas pu vérifier que ce message provient bien de votre messagerie : il a donc été signalé à notre équipe. Si vous ne l'avez pas envoyé, répondez à cet e-mail pour nous le dire : le crédit vous sera rendu.</p>
<p>Pour compléter votre demande, répondez simplement à cet e-mail en gardant {{ticket}} dans l'objet.</p>
<p>Bien cordialement,<br>L'équipe support {{project}}</p>`,
  },
  confirm_request: {
    text: `Bonjour {{client_name}},

Nous avons reçu une demande de support {{ticket}} à votre nom, mais nous n'avons pas pu vérifier qu'elle provient bien de votre messagerie. Avant de la traiter (et de la décompter de votre compte), merci de la confirmer.

Pour confirmer, répondez simplement à cet e-mail en gardant le code {{confirm_code}} dans l'objet. Sans réponse avant le {{expires_at}}, la demande est close et rien n'est décompté.

Si vous n'avez pas envoyé cette demande, ignorez cet e-mail : rien ne sera décompté.

Bien cordialement,
L'équipe support {{project}}`,
    html: `<p>Bonjour {{client_name}},</p>
<p>Nous avons reçu une demande de support <strong>{{ticket}}</strong> à votre nom, mais nous n'avons pas pu vérifier qu'elle provient bien de votre messagerie. Avant de la traiter (et de la décompter de votre compte), merci de la confirmer.</p>
<p>Pour confirmer, répondez simplement à cet e-mail en gardant le code <strong>{{confirm_code}}</strong> dans l'objet. Sans réponse avant le {{expires_at}}, la demande est close et rien n'est décompté.</p>
<p>Si vous n'avez pas envoyé cette demande, ignorez cet e-mail : rien ne sera décompté.</p>
<p>Bien cordialement,<br>L'équipe support {{project}}</p>`,
  },
  confirmation_expired: {
    text: `Bonjour {{client_name}},

Merci pour votre confirmation. Elle est arrivée après l'expiration de la demande {{ticket}} : cette demande a été close et rien n'a été décompté.

Si vous avez toujours besoin d'aide, merci de renvoyer votre demande dans un nouvel e-mail.

Bien cordialement,
L'équipe support {{project}}`,
    html: `<p>Bonjour {{client_name}},</p>
<p>Merci pour votre confirmation. Elle est arrivée après l'expiration de la demande <strong>{{ticket}}</strong> : cette demande a été close et rien n'a été décompté.</p>
<p>Si vous avez toujours besoin d'aide, merci de renvoyer votre demande dans un nouvel e-mail.</p>
<p>Bien cordialement,<br>L'équipe support {{project}}</p>`,
  },
  not_authorized: {
    text: `Bonjour {{client_name}},

Merci pour votre message. Cette adresse est réservée aux clients du support {{project}}, et votre adresse e-mail n'est rattachée à aucun compte client.

Si vous travaillez avec nous, écrivez-nous depuis l'adresse enregistrée sur votre compte, ou demandez à votre interlocuteur chez {{project}} d'ajouter celle-ci.

Bien cordialement,
L'équipe support {{project}}`,
    html: `<p>Bonjour {{client_name}},</p>
<p>Merci pour votre message. Cette adresse est réservée aux clients du support {{project}}, et votre adresse e-mail n'est rattachée à aucun compte client.</p>
<p>Si vous travaillez avec nous, écrivez-nous depuis l'adresse enregistrée sur votre compte, ou demandez à votre interlocuteur chez {{project}} d'ajouter celle-ci.</p>
<p>Bien cordialement,<br>L'équipe support {{project}}</p>`,
  },
  not_support: {
    text: `Bonjour {{client_name}},

Merci pour votre message. Cette adresse est dédiée aux demandes de support {{project}} : votre message n'a donc pas été ouvert comme ticket.

Pour toute autre question, contactez-nous par nos canaux habituels.

Bien cordialement,
L'équipe support {{project}}`,
    html: `<p>Bonjour {{client_name}},</p>
<p>Merci pour votre message. Cette adresse est dédiée aux demandes de support {{project}} : votre message n'a donc pas été ouvert comme ticket.</p>
<p>Pour toute autre question, contactez-nous par nos canaux habituels.</p>
<p>Bien cordialement,<br>L'équipe support {{project}}</p>`,
  },
  statement: {
    text: `Bonjour {{client_name}},

Voici votre relevé du support {{project}} pour {{period}}.

Solde d'ouverture : {{opening_balance}}

{{statement_lines}}

Solde de clôture : {{closing_balance}}

Chaque ligne est un mouvement de vos crédits prépayés : achats, demandes traitées (avec leur ticket), crédits rendus. Écrivez-nous si quelque chose vous semble inexact ; une copie CSV est disponible sur demande.

Bien cordialement,
L'équipe support {{project}}`,
    html: `<p>Bonjour {{client_name}},</p>
<p>Voici votre relevé du support {{project}} pour <strong>{{period}}</strong>.</p>
<p>Solde d'ouverture : <strong>{{opening_balance}}</strong></p>
<pre style="font-family:monospace;font-size:13px">{{statement_lines}}</pre>
<p>Solde de clôture : <strong>{{closing_balance}}</strong></p>
<p>Chaque ligne est un mouvement de vos crédits prépayés : achats, demandes traitées (avec leur ticket), crédits rendus. Écrivez-nous si quelque chose vous semble inexact ; une copie CSV est disponible sur demande.</p>
<p>Bien cordialement,<br>L'équipe support {{project}}</p>`,
  },
};
