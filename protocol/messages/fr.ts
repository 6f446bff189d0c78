import type { ServerText } from './en.js';
import type { WidgetText } from './en-widget.js';

export const FR: { server: ServerText; widget: WidgetText } = {
  server: {
    greeting:
      "Bonjour ! Je suis l'assistant IA d'Acme. Posez-moi vos questions sur votre compte, " +
      'la facturation ou le produit, ou demandez à parler à une personne à tout moment.',
    thanks: 'Avec plaisir ! Si vous avez une autre question, écrivez-la simplement ici.',
    thanksWaiting:
      "Avec plaisir ! Vous êtes toujours dans la file d'attente pour parler à une personne ; " +
      "si vous n'en avez plus besoin, vous pouvez simplement fermer ce chat.",
    greetingWaiting:
      "Bonjour ! Vous êtes dans la file d'attente et une personne de notre équipe va vous répondre très vite. " +
      'Vous pouvez continuer à écrire ici en attendant.',
    waitingNote: '(En attendant notre équipe :) ',
    clarify:
      'Je veux être sûr de bien comprendre : votre question porte-t-elle sur {options} ? ' +
      'Quelques mots de plus sur ce que vous cherchez à faire m’aideront.',
    or: 'ou',
    handoff:
      "Je transmets cette conversation à notre équipe d'assistance. " +
      "Quelqu'un va vous répondre très vite ; vous pouvez continuer à écrire ici en attendant.",
    handoffOtherLanguage:
      "Je n'ai pas d'article d'aide en français sur ce sujet, je vous mets donc en relation avec une " +
      'personne de notre équipe qui parle français. Vous pouvez continuer à écrire ici en attendant.',
    failure:
      'Désolé, un problème est survenu pendant ma réponse. ' +
      "Je vous transmets à notre équipe d'assistance pour que vous n'attendiez pas.",
    late:
      "Désolé pour l'attente : je n'ai pas pu répondre à temps, " +
      "je vous transmets donc à notre équipe d'assistance. Quelqu'un va vous répondre très vite.",
    agentJoined: '{name} a rejoint la conversation.',
    contactSaved: "Merci, nous vous répondrons à {email} si personne n'est disponible ici.",
    transfer: "Vous êtes transféré vers notre équipe {team}. Quelqu'un va vous répondre très vite.",
    escalated:
      'Votre demande a été confiée à un membre expérimenté de notre équipe, ' +
      'car elle prend plus de temps que prévu. Merci de votre patience.',
    bugFixed:
      'Bonne nouvelle : le problème que vous avez signalé (« {title} ») est corrigé. Merci de nous l’avoir signalé.',
    twoParts: 'Votre question comporte deux parties, auxquelles répondent deux articles :',
    readOne: "Lire l'article complet",
    readAll: 'Lire les articles complets',
  },
  widget: {
    greet:
      "Bonjour ! Je suis un assistant IA : je réponds en premier, à partir de nos articles d'aide. " +
      'Une personne de notre équipe peut prendre le relais quand vous le souhaitez.',
    human: 'Parler à une personne',
    humanMsg: "J'aimerais parler à une personne, s'il vous plaît.",
    subAi: 'Assistant IA · notre équipe est à un message de vous',
    subQueue: 'En attente de notre équipe',
    subAgent: 'Vous discutez avec {name}',
    queue: "Vous avez été transféré à notre équipe : position {position} dans la file d'attente, environ {minutes} min",
    backAt: 'Vous avez été transféré à notre équipe. Nous serons de retour {when} et vous répondrons ici.',
    nobody:
      "Vous avez été transféré à notre équipe. Personne n'est disponible pour le moment ; " +
      "nous vous répondrons ici dès que quelqu'un sera de retour.",
    mailTitle: "Vous préférez l'e-mail ? Laissez votre adresse et nous continuerons par e-mail.",
    mailSend: 'Continuer par e-mail',
    mailSaved: 'Merci, nous vous répondrons à {email}.',
    retryFail: "Cela n'a pas fonctionné. Veuillez réessayer.",
    csatTitle: "Comment s'est passé notre échange ?",
    csatThanks: 'Merci pour votre avis !',
    csatSend: 'Envoyer la note',
    resolved: 'Cette conversation est terminée. Écrivez-nous à tout moment si vous avez besoin d’aide.',
    readOne: "Lire l'article complet",
    readAll: 'Lire les articles complets',
    input: 'Écrivez votre message…',
    ai: 'Assistant IA',
    agent: 'Conseiller',
    helped: 'Cela vous a-t-il aidé ?',
    yes: 'Oui',
    no: 'Non',
    fbYes: 'Merci de votre retour !',
    fbNo: 'Merci. Une personne de notre équipe vous aidera dès votre prochain message.',
    close: 'Fermer le chat',
    attach: 'Joindre une capture ou un fichier',
    msg: 'Message',
    send: 'Envoyer',
    mail: 'Votre e-mail',
    note: 'Commentaire (facultatif)',
    notePh: 'Autre chose à ajouter ? (facultatif)',
    said: 'Vous avez écrit : ',
    sending: 'Envoi…',
    notSent: 'Non envoyé',
    retry: 'Réessayer',
    sugg: 'Questions suggérées',
    log: 'Conversation',
    reconn: 'Reconnexion…',
    down: 'Le chat est indisponible pour le moment. Nouvel essai…',
    team: 'Notre équipe',
    asst: 'Assistant',
    typing: '{name} écrit…',
    anAgent: 'Un agent',
    article: 'Article',
    rate: '{n} sur 5, {label}',
    rates: 'Très mauvais|Mauvais|Correct|Bien|Très bien',
    open: 'Ouvrir le chat',
    unread: 'messages non lus',
    unread1: 'message non lu',
    newTab: ' (s’ouvre dans un nouvel onglet)',
    attached: 'Pièce jointe : {name}',
  },
};
